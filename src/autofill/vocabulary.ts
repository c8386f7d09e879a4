/**
 * Keyword lists, in several languages, that the detector reads in names, ids, labels,
 * placeholders, button text and headings. Each list is a set of word-start stems over toWords()
 * output (lower case, words separated by single spaces).
 *
 * Safety fact: keywords only ever narrow what HTML already says. An autocomplete token
 * (HTML Living Standard §4.10.18.7.1, "autofill detail tokens") always wins over a keyword, and a
 * keyword can exclude a field (search, one-time code, card number) but never make a hidden or
 * non-text input fillable.
 */

import { wordMatcher } from './words';

/** Account names: "username", "login", "Benutzername", "identifiant", "usuario", "логин", ... */
export const USERNAME_WORDS = wordMatcher(
  [
    'user',
    'usr',
    'uname',
    'u ?name',
    'u ?id(?= |$)',
    'login(?! ?(?:button|btn|submit|form|link))',
    'log ?on',
    'sign ?in ?(?:name|id)',
    'nick',
    'account ?(?:name|id)',
    'member ?(?:name|id)',
    'customer ?(?:id|number|no|code)',
    'client ?(?:id|number|no)',
    'account ?(?:number|no|num)',
    'member(?:ship)? ?(?:number|no|num)',
    'contract ?(?:number|no)',
    'kunden ?(?:nummer|nr|id|kennung)',
    'zugangs ?(?:nummer|kennung|name)',
    'teilnehmer ?(?:nummer|kennung)',
    'legitimation',
    'anmelde ?name',
    'vertrags ?nummer',
    'num[eé]ro (?:de )?client',
    'n[uú]mero de (?:cliente|socio)',
    'codice cliente',
    'klant ?nummer',
    'numer klienta',
    'номер (?:клиента|договора)',
    'identifi',
    'ident(?= |$)',
    'benutzer',
    'nutzer',
    'kennung',
    'usuari',
    'utilisat',
    'utente',
    'gebruiker',
    'anv[aä]ndar',
    'bruker',
    'brugernavn',
    'k[aä]ytt[aä]j',
    'vartotoj',
    'u[zż]ytkownik',
    'uživatel',
    'pou[zž]ivatel',
    'felhaszn',
    'kullan[iı]c[iı]',
    'пользоват',
    'логин',
    'учетн',
  ],
  ['用户', '用戶', '帳號', '账号', '账户', 'ユーザ', 'アカウント', '아이디', '사용자', '계정'],
);

/** E-mail addresses. "mailing" (a mailing list) is not an address field. */
export const EMAIL_WORDS = wordMatcher(
  ['e ?mail', 'mail(?!ing)', 'correo', 'courriel', 'e ?post', 's[aä]hk[oö]posti', 'почт', 'электронн'],
  ['邮箱', '郵箱', '电子邮件', 'メール', '이메일'],
);

/** Phone numbers (some sites sign in with one). */
export const PHONE_WORDS = wordMatcher(
  [
    'phone',
    'mobil',
    'cell',
    'tel(?= |$)',
    'tele',
    'handy',
    'telefon',
    'telefoon',
    'tel[eé]fono',
    't[eé]l[eé]phone',
    'portable',
    'celular',
    'msisdn',
    'телефон',
  ],
  ['手机', '手機', '電話', '电话', '携帯', '휴대폰', '전화'],
);

/** Password fields, to recognise password context in text ("Change password"). */
export const PASSWORD_WORDS = wordMatcher(
  [
    'pass',
    'pwd',
    'pw(?= |$)',
    'psw',
    'kennwort',
    'mot de passe',
    'contrase',
    'clave',
    'senha',
    'parol',
    'wachtwoord',
    'l[oö]senord',
    'has[lł]o',
    'salasana',
    'jelsz',
    'slapta[zž]od',
    'heslo',
    '[sş]ifre',
    'пароль',
  ],
  ['密码', '密碼', 'パスワード', '비밀번호', '암호'],
);

/** A password being chosen: "new", "create", "choose", "neues", "nouveau", ... */
export const NEW_WORDS = wordMatcher(
  [
    'new(?= |$)',
    'neu(?:e[nrs]?)?(?= |$)',
    'nouve',
    'nuev',
    'nov[oa](?= |$)',
    'nuov',
    'nieuw',
    'nowe',
    'create',
    'choose',
    'set (?:a |your )?pass',
    'erstell',
    'w[aä]hl',
    'cr[ée]e',
    'choisi',
    'crear',
    'criar',
    'нов',
    'придума',
  ],
  ['新'],
);

/** A second copy of a field: "confirm", "repeat", "retype", "again", "bestätigen", ... */
export const CONFIRM_WORDS = wordMatcher(
  [
    'confirm',
    'repeat',
    're ?type',
    're ?enter',
    'again',
    'verify',
    'match',
    'wiederhol',
    'best[aä]tig',
    'confirmer',
    'confirmar',
    'conferma',
    'ripet',
    'repet',
    'herhaal',
    'bevestig',
    'powt[oó]rz',
    'подтвер',
    'повтор',
  ],
  ['确认', '確認', '확인'],
);

/** The password in use now: "current", "old", "existing", "aktuelles", "ancien", ... */
export const CURRENT_WORDS = wordMatcher(
  [
    'current',
    'old',
    'existing',
    'aktuell',
    'alt(?:es)?(?= |$)',
    'bisherig',
    'actuel',
    'ancien',
    'actual',
    'antigu',
    'attual',
    'vecchi',
    'huidig',
    'oude?(?= |$)',
    'obecn',
    'текущ',
    'стар',
  ],
  ['現在', '当前', '當前', '旧', '舊', '현재'],
);

/** Captchas and payment-card fields: codes, but never a password, a username or a one-time code. */
const CAPTCHA_AND_CARD = ['captcha', 'recaptcha', 'cvv', 'cvc', 'csc', 'card', 'cc ?(?:num|number|cvv|exp)'];

/**
 * Codes that are not passwords: one-time codes, second factors, captchas, card security codes. A
 * field that says any of these is never filled with a username or password. (A PIN is apart:
 * PIN_WORDS; a sign-in may use it as its password.)
 */
export const CODE_WORDS = wordMatcher(
  [
    'one ?time',
    'otp',
    'totp',
    'hotp',
    '2 ?fa',
    'mfa',
    'two ?factor',
    '2 ?step',
    'two ?step',
    'verif(?:y|ication)? ?code',
    'security ?(?:code|number|key)',
    'auth(?:entication|enticator)? ?code',
    'authenticator',
    'sms',
    'token',
    'tan(?= |$)',
    'code(?= |$)',
    ...CAPTCHA_AND_CARD,
    'ssn',
    'social ?security',
    'best[aä]tigungscode',
    'sicherheitscode',
    'c[oó]digo',
    'код',
  ],
  ['验证码', '驗證碼', '認証コード', '인증'],
);

/** Search boxes (the bare names "q" and "s" are checked separately, in field-signals.ts). */
export const SEARCH_WORDS = wordMatcher(
  [
    'search',
    'query',
    'keyword',
    'suche',
    'such(?:en|begriff)',
    'recherch',
    'busca',
    'pesquis',
    'cerca(?= |$)',
    'ricerca',
    'zoek',
    'szukaj',
    'wyszuk',
    'поиск',
    'найти',
  ],
  ['搜索', '検索', '검색'],
);

/** Fields about the person or an order, not the account: names, addresses, dates, messages. */
export const NOT_ACCOUNT_WORDS = wordMatcher([
  'first ?name',
  'last ?name',
  'full ?name',
  'real ?name',
  'your ?name',
  'given',
  'family',
  'sur ?name',
  'middle',
  'vorname',
  'nachname',
  'pr[eé]nom',
  'nom(?= |$)',
  'apellido',
  'nombre(?= |$)',
  'cognome',
  'address',
  'adresse',
  'direcci',
  'street',
  'city',
  'town',
  'zip',
  'postal',
  'post ?code',
  'plz',
  'country',
  'state(?= |$)',
  'province',
  'region',
  'company',
  'organi[sz]ation',
  'org(?= |$)',
  'firma',
  'empresa',
  'birth',
  'dob(?= |$)',
  'age(?= |$)',
  'gender',
  'website',
  'url(?= |$)',
  'homepage',
  'subject',
  'message',
  'comment',
  'title(?= |$)',
  'coupon',
  'promo',
  'voucher',
  'invit',
  'referr?al',
  'answer',
  'question',
  'hint',
  'amount',
  'quantity',
  'qty',
  'price',
  'date(?= |$)',
  'day(?= |$)',
  'month',
  'year',
]);

/** Signing in: "log in", "sign in", "Anmelden", "connexion", "iniciar sesión", "войти", ... */
export const LOGIN_WORDS = wordMatcher(
  [
    'log ?in',
    'log ?on',
    'sign ?in',
    'sign ?on',
    'sessions?(?= |$)',
    'auth(?= |$)',
    'authenticate',
    'anmeld',
    'einlogg',
    'connexion',
    'se connecter',
    'identifiez',
    'iniciar sesi',
    'inicia sesi',
    'acceder',
    'entrar',
    'accedi',
    'accesso',
    'inlogg',
    'logga in',
    'kirjaudu',
    'zaloguj',
    'logowan',
    'p[rř]ihl[aá]s',
    'bejelentkez',
    'prisijung',
    'giri[sş]',
    'войти',
    'вход',
    'авториз',
  ],
  ['登录', '登入', '登錄', 'ログイン', 'サインイン', '로그인'],
);

/** Creating an account: "sign up", "register", "create account", "Registrieren", ... */
export const SIGNUP_WORDS = wordMatcher(
  [
    'sign ?up',
    'regist(?!ered)',
    'join(?= |$)',
    'join now',
    'create (?:an |your |a |new )?(?:account|profile|login)',
    'new (?:account|customer|member)',
    'open (?:an )?account',
    'get started',
    'enrol',
    'inscri',
    'cadastr',
    'crear (?:una |tu )?cuenta',
    'criar (?:uma )?conta',
    'konto (?:erstellen|anlegen|er[oö]ffnen)',
    'cr[ée]er (?:un |votre )?compte',
    'crea (?:un )?account',
    'aanmaken',
    'zarejestr',
    'rejestr',
    'регистр',
    'зарегистр',
  ],
  ['注册', '註冊', '登録', '会員登録', '회원가입', '가입'],
);

/** Changing or resetting a password: the verb; context text must also name a password. */
export const CHANGE_WORDS = wordMatcher(
  [
    'change',
    'update',
    'reset',
    'modify',
    'edit',
    '[aä]nder',
    'changer',
    'modifi',
    'cambi',
    'alterar',
    'wijzig',
    'zmie[nń]',
    'измен',
    'смен',
  ],
  ['更改', '修改', '変更', '변경'],
);

/** Getting back into an account: "forgot password", "reset", "recover", "vergessen", ... */
export const RECOVERY_WORDS = wordMatcher(
  [
    'forgot',
    'forget',
    'lost',
    'recover',
    'reset',
    'remind',
    'retrieve',
    'trouble',
    'vergessen',
    'oubli',
    'olvid',
    'esquec',
    'dimentica',
    'vergeten',
    'zapomnia',
    'забыл',
    'восстанов',
  ],
  ['忘记', '忘記', '忘れ', '찾기'],
);

/** Mailing lists: "newsletter", "subscribe", "mailing list", "abonnieren", ... */
export const NEWSLETTER_WORDS = wordMatcher(
  [
    'newsletter',
    'subscri',
    'mailing',
    'updates',
    'notify',
    'stay in (?:the loop|touch)',
    'abonn',
    'suscri',
    'inscreva',
    'iscriviti alla',
    'рассылк',
    'подпис',
  ],
  ['订阅', '訂閱', '購読', '구독'],
);

/** "Remember me" and "keep me signed in": only sign-in forms offer them. */
export const REMEMBER_WORDS = wordMatcher([
  'remember',
  'keep me',
  'stay (?:signed|logged)',
  'angemeldet bleiben',
  'souvenir',
  'recordar',
  'lembrar',
  'ricorda',
  'onthoud',
  'запомн',
]);

/** Terms-of-service and privacy consent: only sign-up forms ask for them. */
export const TERMS_WORDS = wordMatcher([
  'terms',
  'agree',
  'accept',
  'privacy',
  'agb',
  'conditions',
  'condiciones',
  'termos',
  'согла',
]);

/** Bot traps that sites label for the few people who can see them: "leave this field empty". */
export const HONEYPOT_WORDS = wordMatcher([
  'honey ?pot',
  'hpot',
  'bot ?(?:trap|check|field)',
  'leave (?:this )?(?:field )?(?:blank|empty)',
  'do ?not (?:fill|change|enter|type)',
  'don ?t (?:fill|change|enter|type)',
  'anti ?spam',
  'spam ?(?:trap|check)',
  'nospam',
]);

/**
 * "Display name", "screen name", "public name": what others see. Some sites sign in with it, so
 * it stays a candidate, but a field that says "username" beats it.
 */
export const DISPLAY_NAME_WORDS = wordMatcher([
  'display ?name',
  'screen ?name',
  'public ?name',
  'nick ?name',
]);

/**
 * A PIN: a secret like a password when a sign-in asks for it whole (customer number and PIN), but
 * never an account name, and never a place for a one-time code.
 */
export const PIN_WORDS = wordMatcher(['pin(?= |$)', 'pin ?(?:code|number|nummer)', 'geheimzahl']);

/**
 * One-time codes from an authenticator or a message (a field saying this takes a TOTP code):
 * "one-time code", "verification code", "2FA", "Bestätigungscode", "code de vérification", ...
 */
export const OTP_WORDS = wordMatcher(
  [
    'one ?time',
    'otp',
    'totp',
    'hotp',
    '2 ?fa',
    'mfa',
    'two ?factor',
    '2 ?factor',
    'multi ?factor',
    '2 ?step',
    'two ?step',
    'verif(?:y|ication)? ?code',
    'validation ?code',
    'confirmation ?code',
    'security ?code',
    'login ?code',
    'sign ?in ?code',
    'access ?code',
    'auth(?:entication|enticator|orization)? ?code',
    'authenticator',
    'sms ?(?:code|pin|tan|passcode)',
    'text ?code',
    '\\d ?digit ?code',
    '(?:six|eight) ?digit ?code',
    'best[aä]tigungs ?code',
    'sicherheits ?code',
    'verifizierungs ?code',
    'einmal ?(?:code|passwort|kennwort)',
    'code (?:de )?(?:v[eé]rification|s[eé]curit[eé]|confirmation|validation)',
    'c[oó]digo (?:de )?(?:verificaci[oó]n|seguridad|confirmaci[oó]n|acceso|verifica[cç][aã]o)',
    'codice (?:di )?(?:verifica|sicurezza|conferma)',
    'verificatie ?code',
    'beveiligings ?code',
    'kod (?:weryfikacyjny|sms|jednorazowy)',
    'код (?:подтверждения|из смс|из sms|безопасности)',
    'одноразов',
  ],
  [
    '验证码',
    '驗證碼',
    '校验码',
    '動態密碼',
    '认证码',
    '認証コード',
    '確認コード',
    'ワンタイム',
    '인증번호',
    '인증 코드',
    '인증코드',
    '보안코드',
  ],
);

/**
 * What a page says around a second step: "Two-step verification", "Enter the code we sent you",
 * "Use your authenticator app". Read from headings, buttons and the form's attributes, it makes a
 * bare "code" field or a row of digit boxes a one-time code.
 */
export const OTP_CONTEXT_WORDS = wordMatcher(
  [
    'one ?time',
    'otp',
    'totp',
    '2 ?fa',
    'mfa',
    'two ?factor',
    '2 ?factor',
    'multi ?factor',
    '2 ?step',
    'two ?step',
    'verif',
    'authenticat',
    'code (?:we|was|has been) sent',
    'sent (?:you )?(?:a |the |an )?(?:code|text)',
    'enter (?:the |your )?(?:\\d ?digit )?code',
    'security code',
    'best[aä]tig',
    'zwei ?faktor',
    'v[eé]rifi',
    'double authentification',
    'doble factor',
    'dois fatores',
    'weryfikac',
    'подтвержд',
    'двухфактор',
  ],
  ['验证', '驗證', '認証', '인증'],
);

/**
 * Codes that are not one-time sign-in codes: captchas, card and gift codes, postal and area
 * codes, invitations, and the single-use recovery codes a person keeps on paper.
 */
export const NOT_OTP_WORDS = wordMatcher([
  ...CAPTCHA_AND_CARD,
  'coupon',
  'promo',
  'voucher',
  'gift',
  'discount',
  'redeem',
  'invit',
  'referr?al',
  'zip',
  'postal',
  'post ?code',
  'postleitzahl',
  'plz',
  'area ?code',
  'country ?code',
  'dial ?code',
  'recovery',
  'backup',
  'scratch',
  'rescue',
  'license',
  'licence',
  'product ?key',
  'serial',
  'tracking',
  'order',
]);

/**
 * A part of a secret asked by position ("Enter characters 2, 5 and 7 of your memorable word",
 * "3rd digit of your PIN"), as UK banks do. Never filled: a password or OTP would be the wrong text,
 * and typing parts of a password exposes them.
 */
export const PARTIAL_WORDS = wordMatcher([
  'memorable',
  'memorised',
  'memorized',
  '\\d+ ?(?:st|nd|rd|th) (?:character|letter|digit|char)',
  '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last) (?:character|letter|digit|char)',
  '(?:character|letter|char|zeichen|stelle|caract[eè]re|car[aá]cter|carattere|lettre|letra|cifra|chiffre|d[ií]gito|ziffer|position|pos|символ)s? ?(?:no |number |nr |n )?\\d',
  '(?:digit|number) ?\\d+ of your',
  'of your (?:password|passcode|pin|memorable|secret)',
]);

/** Words that name a secret the person knows (as against a code they are sent or generate). */
export const SECRET_WORDS = wordMatcher([
  'memorable',
  'secret',
  'pin(?= |$)',
  'passcode',
  'password',
  'passwort',
  'kennwort',
  'mot de passe',
  'contrase',
]);

/** Show / hide password buttons: "Show password", "Hide", an eye icon's class or label. */
export const TOGGLE_WORDS = wordMatcher([
  'show',
  'hide',
  'reveal',
  'toggle',
  'unmask',
  'mask',
  'eye',
  'visib',
  'view password',
  'anzeigen',
  'einblenden',
  'ausblenden',
  'verbergen',
  'afficher',
  'masquer',
  'mostrar',
  'ocultar',
  'mostra',
  'nascondi',
  'tonen',
  'poka[zż]',
  'ukryj',
  'показать',
  'скрыть',
]);
