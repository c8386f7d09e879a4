/**
 * The item view's two-factor code: the current code as a button (click or Enter copies it), a ring
 * that empties as the code's time runs out, and a polite live region that announces a new code when
 * it changes, not every second.
 *
 * Why the code is computed here and not in the background: ItemScreen receives the whole item,
 * password included, through 'vault.get' (the popup's one way to show item details), so the TOTP
 * secret is already in this page exactly like the password; computing the code from it adds no
 * exposure, needs no message per second, and keeps ticking if the worker is stopped. Pages that do
 * not receive the item (content scripts, the inline menu) never get the secret.
 *
 * An invalid secret shows parseOtpSecret's message in place of the code, never a guessed code.
 */

import { useEffect, useMemo, useState } from 'preact/hooks';
import { currentCode, isOtpError, type OtpParams, parseOtpSecret } from '../../src/totp';
import { t } from '../../src/ui/i18n';

/** "123456" -> "123 456", "12345678" -> "1234 5678": easier to read and type. Steam's 5 stay whole. */
export function groupCode(code: string): string {
  if (code.length === 6) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  return code;
}

/** The current time, updated at the start of every second while mounted. */
function useSecondClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      timer = setTimeout(tick, 1000 - (at % 1000) + 5);
    };
    timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
    return () => clearTimeout(timer);
  }, []);
  return now;
}

const RING_RADIUS = 9;
const RING_LENGTH = 2 * Math.PI * RING_RADIUS;

export function OneTimeCode({ secret, onCopy }: { secret: string; onCopy(code: string): void }) {
  const params = useMemo(() => parseOtpSecret(secret), [secret]);
  return (
    <div class="field-row otp-row">
      <dt id="otp-label">{t('field_totp')}</dt>
      {isOtpError(params) ? (
        <dd class="otp-invalid" data-testid="otp-invalid">
          {params.message}
        </dd>
      ) : (
        <LiveCode params={params} onCopy={onCopy} />
      )}
    </div>
  );
}

function LiveCode({ params, onCopy }: { params: OtpParams; onCopy(code: string): void }) {
  const now = useSecondClock();
  const { code, periodSeconds, secondsLeft } = currentCode(params, now);
  const grouped = groupCode(code);
  const ending = secondsLeft <= 5;
  // The live region holds only the code, so it speaks when the code changes and stays quiet while
  // the seconds count down (they are aria-hidden below).
  return (
    <dd class="field-value otp-value">
      <button
        type="button"
        class={`otp-code mono ${ending ? 'ending' : ''}`}
        data-testid="otp-code"
        aria-describedby="otp-label"
        aria-label={t('otp_copy', grouped)}
        onClick={() => onCopy(code)}
      >
        {grouped}
      </button>
      <svg class="otp-ring" width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle class="otp-ring-track" cx="12" cy="12" r={RING_RADIUS} />
        <circle
          class="otp-ring-left"
          cx="12"
          cy="12"
          r={RING_RADIUS}
          stroke-dasharray={RING_LENGTH}
          stroke-dashoffset={RING_LENGTH * (1 - secondsLeft / periodSeconds)}
        />
        <text x="12" y="12" class="otp-ring-seconds" data-testid="otp-seconds">
          {secondsLeft}
        </text>
      </svg>
      <span class="visually-hidden" aria-live="polite" aria-atomic="true">
        {t('otp_announce', grouped)}
      </span>
    </dd>
  );
}
