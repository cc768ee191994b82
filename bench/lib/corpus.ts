/**
 * A deterministic generator of realistic help-desk text: Chinese, English and mixed tickets about
 * orders, refunds, delivery, accounts and invoices. About a quarter of tickets mention 退款 or a
 * refund-family word (refund, refunds, refunded, refunding), as the search benchmark expects.
 */

export type Rng = () => number;

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Picks a key by weight: [['a', 3], ['b', 1]] returns 'a' three times as often. */
export function weighted<T>(r: Rng, xs: ReadonlyArray<readonly [T, number]>): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) return v;
  }
  return xs[xs.length - 1]![0];
}

const PRODUCTS: ReadonlyArray<readonly [string, string]> = [
  ['无线蓝牙耳机', 'wireless earbuds'],
  ['扫地机器人', 'robot vacuum'],
  ['空气炸锅', 'air fryer'],
  ['机械键盘', 'mechanical keyboard'],
  ['智能手表', 'smart watch'],
  ['羽绒服', 'down jacket'],
  ['跑步鞋', 'running shoes'],
  ['电动牙刷', 'electric toothbrush'],
  ['咖啡机', 'coffee machine'],
  ['儿童安全座椅', 'child car seat'],
  ['4K 显示器', '4K monitor'],
  ['移动电源', 'power bank'],
  ['保温杯', 'thermos bottle'],
  ['行李箱', 'suitcase'],
  ['净水器滤芯', 'water filter cartridge'],
  ['iPhone 15 手机壳', 'iPhone 15 case'],
  ['会员年卡', 'annual membership'],
  ['投影仪', 'projector'],
  ['瑜伽垫', 'yoga mat'],
  ['电热水壶', 'electric kettle'],
];
const COURIERS = ['顺丰', '中通', '圆通', '韵达', '京东物流', 'EMS', 'DHL', 'UPS', 'FedEx'];
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ['上海', 'Shanghai'],
  ['北京', 'Beijing'],
  ['广州', 'Guangzhou'],
  ['深圳', 'Shenzhen'],
  ['杭州', 'Hangzhou'],
  ['成都', 'Chengdu'],
  ['武汉', 'Wuhan'],
  ['南京', 'Nanjing'],
  ['西安', "Xi'an"],
  ['苏州', 'Suzhou'],
  ['香港', 'Hong Kong'],
  ['新加坡', 'Singapore'],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '婷', '杰', '涛', '明', '超', '霞', '平', '刚', '丽', '强', '军', '晨', '雪'];
const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sophia', 'James', 'Chloe', 'Daniel', 'Grace', 'Ryan'];
const LAST = ['Smith', 'Chen', 'Wong', 'Taylor', 'Lee', 'Brown', 'Tan', 'Garcia', 'Martin', 'Ng', 'Walker', 'Lim', 'Clark', 'Young'];

export type Lang = 'zh' | 'en' | 'mixed';

interface Fill {
  o: string;
  p: readonly [string, string];
  c: readonly [string, string];
  k: string;
  d: number;
  amt: string;
}

type Template = (f: Fill) => string;
interface Topic {
  key: string;
  weight: number;
  /** chance the customer asks for a refund in this topic */
  refund: number;
  zhSubject: Template[];
  enSubject: Template[];
  zhBody: Template[];
  enBody: Template[];
  zhReply: Template[];
  enReply: Template[];
}

const REFUND_ZH = [
  '麻烦尽快帮我办理退款。',
  '如果处理不了就直接退款吧。',
  '请问退款多久能到账？',
  '我已经申请了退款，但是一直显示处理中。',
];
const REFUND_EN = [
  'Please refund me as soon as possible.',
  'If you cannot fix it, I want a full refund.',
  'How long does a refund take to arrive?',
  'I requested a refund last week and it still says pending.',
  'Has my refund been processed yet?',
  'I was told it would be refunded within 3 days.',
];

const TOPICS: Topic[] = [
  {
    key: 'refund',
    weight: 14,
    refund: 1,
    zhSubject: [(f) => `订单 ${f.o} 申请退款`, () => '退款什么时候到账？', (f) => `${f.p[0]}退款进度查询`, () => '退款申请被拒绝了'],
    enSubject: [
      (f) => `Refund request for order ${f.o}`,
      () => 'When will my refund arrive?',
      (f) => `Refund for ${f.p[1]}`,
      () => 'Refund still not received',
    ],
    zhBody: [
      (f) => `您好，我在${f.d}天前申请了订单 ${f.o} 的退款，金额 ¥${f.amt}，到现在还没有到账，请帮忙查一下。`,
      (f) => `买的${f.p[0]}不想要了，还没拆封，想申请七天无理由退款，请问运费谁出？`,
      (f) => `退款显示已完成，但是银行卡里没有收到 ¥${f.amt}，麻烦核实一下。订单号 ${f.o}。`,
    ],
    enBody: [
      (f) => `Hi, I asked for a refund of ¥${f.amt} on order ${f.o} ${f.d} days ago and nothing has arrived on my card yet.`,
      (f) => `The ${f.p[1]} is unopened and I'd like to return it for a refund. Who pays for return shipping?`,
      (f) => `Your app says the refund was completed but my bank shows nothing. Order ${f.o}, amount ¥${f.amt}.`,
    ],
    zhReply: [
      (f) => `您好，已为您提交退款 ¥${f.amt}，原路退回，预计 1-3 个工作日到账。`,
      () => '您好，退款已审核通过，银行处理需要 3-5 个工作日，请耐心等待。',
    ],
    enReply: [
      (f) => `Hi, we have refunded ¥${f.amt} to your original payment method; it usually arrives in 1-3 business days.`,
      () => 'Your refund was approved. Banks take 3-5 business days to show it.',
    ],
  },
  {
    key: 'delivery',
    weight: 18,
    refund: 0.08,
    zhSubject: [
      (f) => `订单 ${f.o} 一直没发货`,
      (f) => `物流停在${f.c[0]}好几天了`,
      () => '快递显示已签收但我没收到',
      () => '什么时候能发货？',
    ],
    enSubject: [
      (f) => `Order ${f.o} not shipped yet`,
      () => "Package hasn't arrived",
      () => 'Tracking says delivered but nothing here',
      () => 'Shipping delay',
    ],
    zhBody: [
      (f) => `下单${f.d}天了，${f.k}的物流信息一直停在${f.c[0]}转运中心，没有任何更新。订单号 ${f.o}。`,
      (f) => `快递显示昨天已签收，但是我家里和快递柜都没有，${f.p[0]}是送给朋友的生日礼物，很着急。`,
      (f) => `请问${f.p[0]}现在有货吗？页面写 48 小时发货，已经过了${f.d}天了。`,
    ],
    enBody: [
      (f) => `I ordered the ${f.p[1]} ${f.d} days ago. ${f.k} tracking has been stuck in ${f.c[1]} since then. Order ${f.o}.`,
      (f) => `Tracking shows delivered yesterday but there is no parcel at my door or with the concierge. Order ${f.o}.`,
      (f) => `The page promised shipping within 48 hours and it has been ${f.d} days. Is the ${f.p[1]} out of stock?`,
    ],
    zhReply: [
      (f) => `您好，已联系${f.k}核实，包裹预计明天派送，给您带来不便非常抱歉。`,
      () => '您好，仓库今天已发出，物流单号会在 24 小时内更新。',
    ],
    enReply: [
      (f) => `Hi, we contacted ${f.k}; the parcel should be delivered tomorrow. Sorry for the wait.`,
      () => 'Your order left our warehouse today; tracking will update within 24 hours.',
    ],
  },
  {
    key: 'damaged',
    weight: 10,
    refund: 0.3,
    zhSubject: [(f) => `收到的${f.p[0]}有质量问题`, () => '商品破损', (f) => `${f.p[0]}用了${f.d}天就坏了`],
    enSubject: [(f) => `${f.p[1]} arrived damaged`, () => 'Defective item', (f) => `${f.p[1]} stopped working after ${f.d} days`],
    zhBody: [
      (f) => `今天收到${f.p[0]}，外包装完好但是里面的东西有明显划痕，照片已上传。`,
      (f) => `${f.p[0]}用了${f.d}天就无法开机了，充电指示灯也不亮，还在保修期内。`,
    ],
    enBody: [
      (f) => `The ${f.p[1]} arrived today with a cracked housing. The box looked fine. Photos attached.`,
      (f) => `My ${f.p[1]} won't turn on after ${f.d} days of use. It is still under warranty.`,
    ],
    zhReply: [() => '您好，非常抱歉，我们会为您免费换新，请在订单页面申请售后。'],
    enReply: [() => "We're sorry! We'll send a replacement at no cost; please start a return from your order page."],
  },
  {
    key: 'exchange',
    weight: 8,
    refund: 0.05,
    zhSubject: [() => '尺码不合适想换货', (f) => `${f.p[0]}颜色发错了`],
    enSubject: [() => 'Wrong size, need an exchange', (f) => `Wrong colour of ${f.p[1]} delivered`],
    zhBody: [(f) => `买的${f.p[0]}偏小一码，想换大一号，请问怎么操作？订单 ${f.o}。`],
    enBody: [(f) => `The ${f.p[1]} runs small. Can I exchange it for the next size up? Order ${f.o}.`],
    zhReply: [() => '您好，已为您创建换货单，快递员会在 1-2 天内上门取件。'],
    enReply: [() => 'An exchange has been created; the courier will pick up the item within 1-2 days.'],
  },
  {
    key: 'account',
    weight: 10,
    refund: 0,
    zhSubject: [() => '账号登录不上', () => '收不到验证码', () => '手机号换了怎么改绑'],
    enSubject: [() => "Can't log in to my account", () => 'Verification code never arrives', () => 'Change the phone number on my account'],
    zhBody: [
      () => '输入密码后一直提示密码错误，重置密码的短信验证码也收不到，换了两个浏览器都不行。',
      () => '原来的手机号已经停用了，想换绑新的号码，但是需要旧号码的验证码。',
    ],
    enBody: [
      () => 'It keeps saying my password is wrong, and the reset code never arrives by SMS or email. Tried Chrome and Safari.',
      () => 'My old phone number is gone. How do I move my account to a new number without the old code?',
    ],
    zhReply: [() => '您好，已为您解除登录锁定，请使用邮箱重置密码。'],
    enReply: [() => 'We unlocked your account; please reset the password from the email link.'],
  },
  {
    key: 'invoice',
    weight: 8,
    refund: 0,
    zhSubject: [() => '发票抬头开错了', (f) => `订单 ${f.o} 需要开增值税专票`],
    enSubject: [() => 'Invoice needs our company tax ID', (f) => `VAT invoice for order ${f.o}`],
    zhBody: [(f) => `公司报销需要增值税专用发票，抬头是${f.c[0]}某某科技有限公司，税号稍后补充。金额 ¥${f.amt}。`],
    enBody: [(f) => `Please reissue the invoice for ¥${f.amt} with our company name and tax ID; our finance team rejected it.`],
    zhReply: [() => '您好，发票已重新开具，电子发票已发送至您的邮箱。'],
    enReply: [() => 'The corrected invoice has been issued and emailed to you.'],
  },
  {
    key: 'charge',
    weight: 8,
    refund: 0.7,
    zhSubject: [() => '同一个订单被扣了两次钱', () => '重复扣款'],
    enSubject: [() => 'Charged twice for the same order', () => 'Duplicate charge on my card'],
    zhBody: [(f) => `支付的时候网络卡了一下，结果银行卡被扣了两次 ¥${f.amt}，订单只有一个 ${f.o}。`],
    enBody: [(f) => `My card was charged ¥${f.amt} twice for order ${f.o}. Only one order shows in my account.`],
    zhReply: [() => '您好，经核实确实重复扣款，多扣的款项已原路退款。'],
    enReply: [() => 'We confirmed the duplicate payment and refunded the extra charge.'],
  },
  {
    key: 'subscription',
    weight: 7,
    refund: 0.5,
    zhSubject: [() => '会员自动续费了，想取消', () => '怎么关闭自动续费'],
    enSubject: [() => 'Cancel my auto-renewal', () => 'Membership renewed without notice'],
    zhBody: [(f) => `我没注意到会员会自动续费，今天被扣了 ¥${f.amt}，我不打算继续使用了。`],
    enBody: [(f) => `My annual membership renewed automatically for ¥${f.amt}. I did not want to renew.`],
    zhReply: [() => '您好，自动续费已为您关闭，本期会员可以继续使用到期。'],
    enReply: [() => 'Auto-renewal is now off; your membership stays active until the end of the period.'],
  },
  {
    key: 'coupon',
    weight: 6,
    refund: 0.05,
    zhSubject: [() => '优惠券无法使用', () => '满减活动没生效'],
    enSubject: [() => "Coupon code doesn't work", () => 'Promotion discount not applied'],
    zhBody: [(f) => `结算时提示优惠券不适用，但是活动页面写的是全场通用，商品是${f.p[0]}。`],
    enBody: [(f) => `At checkout the coupon says "not applicable" although the promotion says sitewide. Item: ${f.p[1]}.`],
    zhReply: [() => '您好，该商品属于特价商品不参与活动，已为您补发一张无门槛优惠券。'],
    enReply: [() => 'That item was excluded from the promotion; we have added a coupon to your account instead.'],
  },
  {
    key: 'howto',
    weight: 7,
    refund: 0,
    zhSubject: [(f) => `${f.p[0]}怎么设置`, (f) => `${f.p[0]}的使用问题`],
    enSubject: [(f) => `How do I set up the ${f.p[1]}?`, (f) => `Question about the ${f.p[1]}`],
    zhBody: [(f) => `说明书上的步骤试了好几次，${f.p[0]}还是连不上家里的 Wi-Fi，提示网络超时。`],
    enBody: [(f) => `I followed the manual several times but the ${f.p[1]} will not connect to my Wi-Fi; it times out.`],
    zhReply: [() => '您好，请长按电源键 10 秒恢复出厂设置后，用 2.4G 网络重新配网。'],
    enReply: [() => 'Please hold the power button for 10 seconds to reset, then pair it on a 2.4 GHz network.'],
  },
  {
    key: 'address',
    weight: 4,
    refund: 0,
    zhSubject: [() => '下单后想修改收货地址'],
    enSubject: [() => 'Change the delivery address'],
    zhBody: [(f) => `订单 ${f.o} 地址填错了，应该是${f.c[0]}市的公司地址，还没发货的话麻烦改一下。`],
    enBody: [(f) => `I entered the wrong address for order ${f.o}; it should go to my office in ${f.c[1]}.`],
    zhReply: [() => '您好，地址已修改成功。'],
    enReply: [() => 'Done, the address has been updated.'],
  },
];

export interface GeneratedTicket {
  topic: string;
  lang: Lang;
  subject: string;
  /** The customer's first message. */
  body: string;
  /** An agent's reply, for tickets past `new`. */
  reply: string;
  name: string;
}

function fill(r: Rng): Fill {
  return {
    o: String(2026_0000_0000 + Math.floor(r() * 9999_9999)),
    p: pick(r, PRODUCTS),
    c: pick(r, CITIES),
    k: pick(r, COURIERS),
    d: 2 + Math.floor(r() * 20),
    amt: (9.9 + Math.floor(r() * 399_000) / 100).toFixed(2),
  };
}

export function personName(r: Rng, lang: Lang): string {
  return lang === 'en' ? `${pick(r, FIRST)} ${pick(r, LAST)}` : `${pick(r, SURNAMES)}${pick(r, GIVEN)}${r() < 0.5 ? pick(r, GIVEN) : ''}`;
}

/** One ticket's text. Mixed tickets have a Chinese subject and an English body, or the reverse. */
export function generateTicket(r: Rng): GeneratedTicket {
  const t = weighted(
    r,
    TOPICS.map((x) => [x, x.weight] as const),
  );
  const lang = weighted<Lang>(r, [
    ['zh', 60],
    ['en', 25],
    ['mixed', 15],
  ]);
  const f = fill(r);
  const zhFirst = r() < 0.5;
  const subjectZh = lang === 'zh' || (lang === 'mixed' && zhFirst);
  const bodyZh = lang === 'zh' || (lang === 'mixed' && !zhFirst);
  const subject = pick(r, subjectZh ? t.zhSubject : t.enSubject)(f);
  let body = pick(r, bodyZh ? t.zhBody : t.enBody)(f);
  if (r() < t.refund && t.key !== 'refund') body += ' ' + pick(r, bodyZh ? REFUND_ZH : REFUND_EN);
  body = bodyZh ? `${body.startsWith('您好') ? '' : '您好，'}${body}谢谢！` : `Hi there,\n\n${body}\n\nThanks.`;
  const reply = pick(r, bodyZh ? t.zhReply : t.enReply)(f);
  return { topic: t.key, lang, subject, body, reply, name: personName(r, bodyZh ? 'zh' : 'en') };
}

const REFUND_TERMS = /退款|refund/i;
/** Whether the ticket would match q=退款 or q=refund (before tokenisation). */
export function mentionsRefund(t: GeneratedTicket, withReply: boolean): boolean {
  return REFUND_TERMS.test(t.subject) || REFUND_TERMS.test(t.body) || (withReply && REFUND_TERMS.test(t.reply));
}
