import type { Rng } from './demo-random.js';

/** Demo people: agents, organizations and customers. Pure data and generators, no I/O. */

export type Lang = 'zh' | 'en';
export type GroupKey = 'presales' | 'aftersales' | 'tech';
export type AgentRole = 'owner' | 'admin' | 'supervisor' | 'agent' | 'light_agent';

export const DEMO_PASSWORD = 'kefu-demo-2026';
const AGENT_DOMAIN = 'demo.example.com';

export interface GroupSpec {
  key: GroupKey;
  name: string;
  description: string;
}

export const GROUPS: readonly GroupSpec[] = [
  {
    key: 'presales',
    name: '售前咨询 Pre-sales',
    description: '产品咨询、优惠活动、会员与企业采购 · Product questions, promotions, membership, bulk orders',
  },
  { key: 'aftersales', name: '售后服务 After-sales', description: '退款、发货、物流、退换货与发票 · Refunds, shipping, returns, invoices' },
  { key: 'tech', name: '技术支持 Tech support', description: '账号登录、App 故障与 API 集成 · Sign-in, app issues, API integrations' },
];

export interface AgentSpec {
  name: string;
  email: string;
  role: AgentRole;
  language: 'zh-CN' | 'en';
  timeZone: string;
  /** Which ticket languages this agent answers. */
  speaks: readonly Lang[];
  groups: readonly GroupKey[];
}

const agent = (
  local: string,
  name: string,
  role: AgentRole,
  speaks: readonly Lang[],
  groups: readonly GroupKey[],
  timeZone = 'Asia/Shanghai',
): AgentSpec => ({
  name,
  email: `${local}@${AGENT_DOMAIN}`,
  role,
  language: speaks[0] === 'en' ? 'en' : 'zh-CN',
  timeZone,
  speaks,
  groups,
});

/** Ten agents; the first is the owner, `agent@…` is the everyday agent login. */
export const AGENTS: readonly AgentSpec[] = [
  agent('owner', '陈静', 'owner', ['zh', 'en'], ['presales', 'aftersales', 'tech']),
  agent('admin', 'David Wilson', 'admin', ['en', 'zh'], ['aftersales'], 'Europe/London'),
  agent('lina', '李娜', 'supervisor', ['zh'], ['presales']),
  agent('emily', 'Emily Zhang', 'supervisor', ['en', 'zh'], ['aftersales', 'tech']),
  agent('agent', '王芳', 'agent', ['zh'], ['aftersales']),
  agent('zhangwei', '张伟', 'agent', ['zh'], ['tech']),
  agent('liuyang', '刘洋', 'agent', ['zh'], ['presales', 'aftersales']),
  agent('sarah', 'Sarah Lin', 'agent', ['en', 'zh'], ['presales', 'aftersales']),
  agent('tom', 'Tom Baker', 'agent', ['en'], ['tech', 'aftersales'], 'America/Los_Angeles'),
  agent('huangting', '黄婷', 'light_agent', ['zh'], ['aftersales']),
];

export interface OrgSpec {
  name: string;
  domain: string;
  lang: Lang;
  notes: string;
}

const ORGS: readonly OrgSpec[] = [
  { name: '杭州云帆网络科技有限公司', domain: 'yunfan.example.com', lang: 'zh', notes: '年度框架协议客户，对接人：采购部' },
  { name: '上海星河贸易有限公司', domain: 'xinghe.example.com', lang: 'zh', notes: '' },
  { name: '深圳极光电子有限公司', domain: 'jiguang.example.com', lang: 'zh', notes: '渠道分销商，需开专票' },
  { name: '北京青禾教育科技有限公司', domain: 'qinghe.example.com', lang: 'zh', notes: '' },
  { name: '成都蜀香餐饮管理有限公司', domain: 'shuxiang.example.com', lang: 'zh', notes: '员工福利采购' },
  { name: '广州南方优品电子商务有限公司', domain: 'nanfang.example.com', lang: 'zh', notes: '' },
  { name: '苏州木子家居有限公司', domain: 'muzi.example.com', lang: 'zh', notes: '' },
  { name: '武汉长江供应链有限公司', domain: 'changjiang.example.com', lang: 'zh', notes: '物流合作伙伴' },
  { name: '南京金陵文创有限公司', domain: 'jinling.example.com', lang: 'zh', notes: '' },
  { name: '厦门海风旅行社有限公司', domain: 'haifeng.example.com', lang: 'zh', notes: '' },
  { name: '西安长安智造有限公司', domain: 'changan.example.com', lang: 'zh', notes: '' },
  { name: 'Northwind Traders', domain: 'northwind.example.com', lang: 'en', notes: 'Reseller in the UK; invoices in GBP.' },
  { name: 'Contoso Ltd', domain: 'contoso.example.com', lang: 'en', notes: '' },
  { name: 'Fabrikam Inc', domain: 'fabrikam.example.com', lang: 'en', notes: 'Enterprise plan, API integration.' },
  { name: 'Tailspin Toys', domain: 'tailspin.example.com', lang: 'en', notes: '' },
  { name: 'Wide World Importers', domain: 'wideworld.example.com', lang: 'en', notes: 'Bulk orders every quarter.' },
  { name: 'Adventure Works Cycles', domain: 'adventure-works.example.com', lang: 'en', notes: '' },
  { name: 'Lakeside Bakery', domain: 'lakeside.example.com', lang: 'en', notes: '' },
  { name: 'Blue Harbor Hotels', domain: 'blueharbor.example.com', lang: 'en', notes: 'Staff gifts program.' },
  { name: 'Maple Leaf Outfitters', domain: 'mapleleaf.example.com', lang: 'en', notes: '' },
];

/** `汉:han 字:zi` → [['汉', 'han'], ['字', 'zi']]. */
function pinyinPairs(list: string): Array<readonly [string, string]> {
  return list.split(' ').map((p) => {
    const [han, pinyin] = p.split(':');
    return [han!, pinyin!] as const;
  });
}

const ZH_SURNAMES = pinyinPairs(
  '王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he ' +
    '林:lin 罗:luo 高:gao 梁:liang 宋:song 郑:zheng 谢:xie 韩:han 唐:tang 冯:feng 于:yu 董:dong 萧:xiao 程:cheng 曹:cao 袁:yuan',
);

const ZH_GIVEN = pinyinPairs(
  '伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie 娟:juan 涛:tao 明:ming 超:chao ' +
    '秀英:xiuying 霞:xia 平:ping 刚:gang 子涵:zihan 欣怡:xinyi 梓萱:zixuan 浩然:haoran 宇轩:yuxuan 思远:siyuan 雨桐:yutong 晨曦:chenxi ' +
    '一鸣:yiming 佳琪:jiaqi 嘉怡:jiayi 俊杰:junjie 文博:wenbo 晓东:xiaodong 海燕:haiyan 建华:jianhua 志强:zhiqiang 婷婷:tingting ' +
    '梦琪:mengqi 子轩:zixuan 诗涵:shihan',
);

const EN_FIRST = (
  'James Olivia Liam Emma Noah Ava Oliver Sophia Elijah Isabella Lucas Mia Mason Charlotte Ethan Amelia Henry ' +
  'Harper Jack Evelyn Daniel Abigail Samuel Emily Leo Grace Ryan Chloe Nathan Zoe Priya Arjun Hannah Kenji ' +
  'Fatima Carlos Ingrid Mateo Aisha Lukas'
).split(' ');
const EN_LAST = (
  'Smith Johnson Williams Brown Jones Miller Davis Garcia Wilson Anderson Taylor Thomas Moore Martin Jackson ' +
  'Thompson White Harris Clark Lewis Walker Hall Young King Wright Scott Green Baker Adams Nelson Patel Nguyen ' +
  "Kim O'Brien Schmidt Rossi Tanaka Silva Murphy Cohen"
).split(' ');

const ZH_MAIL = ['qq.example.com', '163.example.com', 'example.com', 'example.net'];
const EN_MAIL = ['example.com', 'example.net', 'example.org', 'mail.example.com'];
const CN_MOBILE_PREFIX = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '186', '187', '188', '177', '199'];
const US_AREA = ['206', '212', '310', '415', '512', '617', '646', '718', '773', '917'];

export interface CustomerSpec {
  name: string;
  /** For greetings: the English first name, or the full Chinese name. */
  callName: string;
  lang: Lang;
  orgIndex: number | null;
  email: string | null;
  phone: string | null;
  wechat: string | null;
  tags: string[];
  notes: string;
  /** How often this customer writes, relative to others. */
  weight: number;
}

export function organizations(count: number): OrgSpec[] {
  const zh = ORGS.filter((o) => o.lang === 'zh');
  const en = ORGS.filter((o) => o.lang === 'en');
  const nZh = Math.round(count * 0.55);
  return [...zh.slice(0, nZh), ...en.slice(0, count - nZh)];
}

function unique(taken: Set<string>, make: () => string): string {
  for (let i = 0; i < 50; i++) {
    const v = make();
    if (!taken.has(v)) {
      taken.add(v);
      return v;
    }
  }
  throw new Error('could not make a unique demo value');
}

/** `count` customers, 60% Chinese-speaking; identities unique within the set. */
export function customers(rng: Rng, count: number, orgs: readonly OrgSpec[]): CustomerSpec[] {
  const names = new Set<string>();
  const values = new Set<string>();
  const out: CustomerSpec[] = [];
  for (let i = 0; i < count; i++) {
    const lang: Lang = i < Math.round(count * 0.6) ? 'zh' : 'en';
    const orgChoices = orgs.map((o, idx) => ({ o, idx })).filter((x) => x.o.lang === lang);
    const org = orgChoices.length > 0 && rng.chance(0.3) ? rng.pick(orgChoices) : null;
    const c = lang === 'zh' ? zhCustomer(rng, names, values, org?.o ?? null) : enCustomer(rng, names, values, org?.o ?? null);
    const vip = rng.chance(0.08);
    out.push({
      ...c,
      lang,
      orgIndex: org?.idx ?? null,
      tags: [...(vip ? ['vip'] : []), ...(org ? ['b2b'] : [])],
      notes: vip ? (lang === 'zh' ? '高价值客户，优先处理。' : 'High-value customer: prioritise.') : '',
      weight: 1 / Math.pow(1 + rng.int(0, count), 0.7) + (vip ? 0.05 : 0),
    });
  }
  return out;
}

type Identity = Pick<CustomerSpec, 'name' | 'callName' | 'email' | 'phone' | 'wechat'>;

function wechatId(rng: Rng): string {
  return `o${rng.chars(27, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`;
}

function zhCustomer(rng: Rng, names: Set<string>, values: Set<string>, org: OrgSpec | null): Identity {
  let py = '';
  const name = unique(names, () => {
    const [s, sp] = rng.pick(ZH_SURNAMES);
    const [g, gp] = rng.pick(ZH_GIVEN);
    py = `${sp}${gp}`;
    return `${s}${g}`;
  });
  const hasEmail = org !== null || rng.chance(0.55);
  const email = hasEmail
    ? unique(values, () =>
        org ? `${py}${rng.chance(0.3) ? rng.int(1, 9) : ''}@${org.domain}` : `${py}${rng.digits(rng.int(2, 4))}@${rng.pick(ZH_MAIL)}`,
      )
    : null;
  const phone = !hasEmail || rng.chance(0.7) ? unique(values, () => `+86${rng.pick(CN_MOBILE_PREFIX)}${rng.digits(8)}`) : null;
  const wechat = rng.chance(0.8) ? unique(values, () => wechatId(rng)) : null;
  return { name, callName: name, email, phone, wechat };
}

function enCustomer(rng: Rng, names: Set<string>, values: Set<string>, org: OrgSpec | null): Identity {
  let first = '';
  let last = '';
  const name = unique(names, () => {
    first = rng.pick(EN_FIRST);
    last = rng.pick(EN_LAST);
    return `${first} ${last}`;
  });
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  const email = unique(values, () =>
    org
      ? `${first.toLowerCase()}${rng.chance(0.3) ? rng.int(1, 9) : ''}@${org.domain}`
      : `${local}${rng.chance(0.4) ? rng.int(1, 99) : ''}@${rng.pick(EN_MAIL)}`,
  );
  const phone = rng.chance(0.35)
    ? unique(values, () => (rng.chance(0.6) ? `+1${rng.pick(US_AREA)}55501${rng.digits(2)}` : `+447700900${rng.digits(3)}`))
    : null;
  const wechat = rng.chance(0.05) ? unique(values, () => wechatId(rng)) : null;
  return { name, callName: first, email, phone, wechat };
}
