import type { GroupKey, Lang } from './demo-people.js';
import type { Rng } from './demo-random.js';

/**
 * Conversation templates. A scenario is one kind of request (a refund, a late parcel, a login
 * problem) with several wordings for each turn; `{placeholders}` are filled per ticket. A turn
 * list with exactly as many entries as `opening` is a set of threads: entry i follows opening i.
 */

export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type TicketType = 'question' | 'incident' | 'problem' | 'task' | 'complaint';
export type FieldKind = 'order' | 'refund' | 'app';

export interface Scenario {
  key: string;
  lang: Lang;
  group: GroupKey;
  /** Hierarchical, `/`-separated, one taxonomy for both languages. */
  category: string;
  type: TicketType | null;
  priority: Readonly<Partial<Record<Priority, number>>>;
  tags: readonly string[];
  fields: readonly FieldKind[];
  /** How common the scenario is within its language. */
  weight: number;
  refundReasons?: readonly string[];
  /** Which placeholder holds the refund amount (default `amount`, the product price). */
  refundAmount?: 'amount' | 'fee';
  subject: readonly string[];
  /** The customer's first message. */
  opening: readonly string[];
  /** Agent asks for details (the ticket goes pending). */
  ask: readonly string[];
  /** Customer gives the details. */
  detail: readonly string[];
  /** Agent reports progress and waits for the customer (pending). */
  progress: readonly string[];
  /** Agent waits for a third party (on hold). */
  hold: readonly string[];
  /** Internal notes. */
  note: readonly string[];
  /** Agent answer that solves it. */
  resolve: readonly string[];
}

/** A problem ticket with its incidents: many customers hit by one outage. */
export interface Cluster {
  lang: Lang;
  scenario: string;
  problemSubject: string;
  subject: readonly string[];
  opening: readonly string[];
  /** Internal note on the problem ticket. */
  problemNote: string;
  /** Public reply on each incident while the problem is open; `{problem}` is the problem's number. */
  holdReply: string;
  /** Internal note on each incident. */
  incidentNote: string;
  /** The reply that solved the problem, posted on every incident. */
  resolution: string;
  daysAgo: number;
  /** Hours from the first report to the fix; null while it is still open. */
  fixedAfterHours: number | null;
  incidents: number;
}

/** Generic turns and decoration, per language. */
export interface Phrasebook {
  chase: readonly string[];
  thanks: readonly string[];
  welcome: readonly string[];
  hold: readonly string[];
  note: readonly string[];
  emailGreeting: readonly string[];
  emailSignoff: readonly string[];
  agentEmailGreeting: readonly string[];
  agentEmailSignoff: readonly string[];
  chatOpener: readonly string[];
  agentChatOpener: readonly string[];
}

export type Vars = Readonly<Record<string, string>>;

/** Options of the refund-reason dropdown; scenarios pick from these. */
export const REFUND_REASONS = [
  '不想要了 / Changed mind',
  '质量问题 / Quality issue',
  '发错货 / Wrong item',
  '物流太慢 / Late delivery',
  '商品破损 / Damaged',
  '重复扣款 / Double charge',
  '重复下单 / Duplicate order',
  '其他 / Other',
] as const;

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

const CJK = /[\u4e00-\u9fff]/;
const LATIN = /[A-Za-z0-9]/;

/**
 * Fills `{name}` placeholders; an unknown placeholder is a bug in the templates. A value that
 * meets Chinese text with a Latin letter or digit gets a space there (机械键盘 K8 怎么…).
 */
export function fill(template: string, vars: Vars): string {
  return template.replace(PLACEHOLDER, (match: string, key: string, offset: number) => {
    const v = vars[key];
    if (v === undefined) throw new Error(`demo template uses unknown placeholder {${key}}`);
    if (v.length === 0) return v;
    const before = template[offset - 1] ?? '';
    const after = template[offset + match.length] ?? '';
    const lead = CJK.test(before) && LATIN.test(v[0]!) ? ' ' : '';
    const trail = CJK.test(after) && LATIN.test(v[v.length - 1]!) ? ' ' : '';
    return `${lead}${v}${trail}`;
  });
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

interface Product {
  zh: string;
  en: string;
  price: number;
}

const PRODUCTS: readonly Product[] = [
  { zh: '无线降噪耳机 Pro', en: 'Noise-Cancelling Headphones Pro', price: 899 },
  { zh: '智能手表 S3', en: 'Smartwatch S3', price: 1299 },
  { zh: '空气净化器 X1', en: 'Air Purifier X1', price: 1599 },
  { zh: '电动牙刷 C2', en: 'Electric Toothbrush C2', price: 299 },
  { zh: '机械键盘 K8', en: 'Mechanical Keyboard K8', price: 499 },
  { zh: '扫地机器人 R5', en: 'Robot Vacuum R5', price: 2499 },
  { zh: '蓝牙音箱 Mini', en: 'Bluetooth Speaker Mini', price: 199 },
  { zh: '移动电源 20000mAh', en: 'Power Bank 20000mAh', price: 159 },
  { zh: '智能台灯 L2', en: 'Smart Desk Lamp L2', price: 259 },
  { zh: '便携咖啡机 Go', en: 'Portable Coffee Maker Go', price: 699 },
];

const ZH = {
  courier: ['顺丰速运', '中通快递', '圆通速递', '京东物流', '韵达快递', 'EMS'],
  city: ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '西安', '南京', '重庆', '苏州', '长沙'],
  coupon: ['满 200 减 30 券', '新人专享 20 元券', '会员 9 折券', '无门槛 10 元券', '家电满 1000 减 100 券'],
  plan: [
    ['年度会员', 198],
    ['季度会员', 68],
    ['连续包月会员', 25],
  ] as Array<[string, number]>,
  device: ['iPhone 15', '华为 Mate 60', '小米 14', 'OPPO Find X7', 'vivo X100', '荣耀 Magic6'],
  company: ['杭州云帆网络科技有限公司', '上海星河贸易有限公司', '深圳极光电子有限公司', '北京青禾教育科技有限公司', '苏州木子家居有限公司'],
};

const EN = {
  courier: ['UPS', 'FedEx', 'DHL', 'USPS', 'Royal Mail'],
  city: ['Seattle', 'London', 'Toronto', 'Sydney', 'Singapore', 'Austin', 'Manchester', 'Dublin', 'Vancouver', 'Berlin'],
  country: ['Canada', 'Australia', 'Germany', 'Ireland', 'New Zealand', 'Singapore'],
  coupon: ['SPRING20', 'WELCOME10', 'FREESHIP', 'VIP15', 'BUNDLE25'],
  plan: [
    ['annual membership', 59],
    ['Plus monthly plan', 7],
    ['Pro yearly plan', 99],
  ] as Array<[string, number]>,
  device: ['iPhone 15', 'Pixel 8', 'Galaxy S24', 'iPad Air', 'MacBook Air', 'Windows 11 laptop'],
  company: ['Northwind Traders', 'Contoso Ltd', 'Fabrikam Inc', 'Wide World Importers', 'Tailspin Toys'],
};

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function trackingNumber(rng: Rng, lang: Lang, courier: string): string {
  if (lang === 'en') return courier === 'UPS' ? `1Z${rng.chars(16, 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789')}` : rng.digits(12);
  const prefix: Record<string, string> = { 顺丰速运: 'SF', 京东物流: 'JDV', 中通快递: '7', 圆通速递: 'YT', 韵达快递: '43', EMS: 'E' };
  return `${prefix[courier] ?? ''}${rng.digits(13)}`;
}

/** 138****5678: how a phone number shows in a conversation. */
function maskPhone(phone: string): string {
  const p = phone.replace(/^\+86/, '');
  return `${p.slice(0, p.length - 8)}****${p.slice(-4)}`;
}

/** Values for one ticket's placeholders. */
export function ticketVars(
  rng: Rng,
  lang: Lang,
  at: Date,
  person: { callName: string; phone: string | null; company: string | null },
  agentName: string,
): Vars {
  const product = rng.pick(PRODUCTS);
  const ordered = new Date(at.getTime() - rng.int(1, 12) * 86_400_000);
  const local = new Date(ordered.getTime() + SHANGHAI_OFFSET_MS);
  const ymd = local.toISOString().slice(0, 10).replace(/-/g, '');
  const t = lang === 'zh' ? ZH : EN;
  const courier = rng.pick(t.courier);
  const phone = person.phone ?? `+86${rng.pick(['138', '139', '186'])}${rng.digits(8)}`;
  const [plan, fee] = rng.pick(t.plan);
  return {
    name: person.callName,
    agent: agentName,
    product: lang === 'zh' ? product.zh : product.en,
    amount: String(lang === 'zh' ? product.price : Math.round(product.price / 7)),
    order: lang === 'zh' ? `DD${ymd}${rng.digits(6)}` : `ORD-${rng.digits(7)}`,
    date:
      lang === 'zh' ? `${local.getUTCMonth() + 1} 月 ${local.getUTCDate()} 日` : `${EN_MONTHS[local.getUTCMonth()]} ${local.getUTCDate()}`,
    courier,
    tracking: trackingNumber(rng, lang, courier),
    tracking2: trackingNumber(rng, lang, courier),
    city: rng.pick(t.city),
    country: rng.pick(EN.country),
    days: String(rng.int(3, 8)),
    refund_days: String(rng.int(3, 7)),
    coupon: rng.pick(t.coupon),
    plan,
    fee: String(fee),
    device: rng.pick(t.device),
    appver: `${rng.int(3, 4)}.${rng.int(0, 9)}.${rng.int(0, 5)}`,
    err: `E${rng.int(1000, 9999)}`,
    code: rng.digits(4),
    qty: String(rng.pick([20, 30, 50, 80, 100, 200])),
    company: person.company ?? rng.pick(t.company),
    taxid: `91${rng.chars(16, '0123456789ABCDEFGHJKLMNPQRTUWXY')}`,
    phone: maskPhone(phone),
  };
}
