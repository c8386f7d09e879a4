import { render } from 'preact';

function App() {
  return <h1>Tessera</h1>;
}

render(<App />, document.getElementById('app')!);
