import type { Cluster } from './scenarios.js';

/** Outages that many customers wrote about: a problem ticket each, with linked incidents. */
export const ZH_CLUSTERS: readonly Cluster[] = [
  {
    lang: 'zh',
    scenario: 'zh-login',
    problemSubject: '【问题单】短信验证码发送失败，多地用户无法登录',
    subject: ['收不到短信验证码', '验证码一直不来，登录不了', '获取验证码没反应'],
    opening: [
      '点获取验证码后一直收不到短信，试了好几次了，手机号是 {phone}。',
      '登录要验证码，等了十分钟都没收到，是系统出问题了吗？',
      '换了两个手机号都收不到验证码，没法登录下单。',
    ],
    problemNote: '技术已确认：短信服务商通道故障，影响所有运营商。同类工单请关联到本问题单，统一回复。',
    holdReply: '非常抱歉！目前短信验证码服务出现故障，技术同事正在紧急修复，修复后我们会第一时间通知您。期间可以使用微信扫码登录。',
    incidentNote: '已关联到问题单 #{problem}。',
    resolution: '短信验证码发送故障已经修复，现在可以正常获取验证码登录了。给您带来的不便深表歉意！',
    daysAgo: 24,
    fixedAfterHours: 7,
    incidents: 8,
  },
  {
    lang: 'zh',
    scenario: 'zh-delay',
    problemSubject: '【问题单】中通华东转运中心暴雨停运，包裹大面积延误',
    subject: ['快递三天没动了', '物流停在杭州转运中心', '包裹怎么还没到'],
    opening: [
      '我的快递从前天开始一直停在杭州转运中心，物流完全不更新。',
      '订单 {order} 的物流三天没变化了，中通的客服电话也打不通。',
      '包裹一直显示「运输中」，什么时候能到啊？',
    ],
    problemNote: '中通华东转运中心因暴雨停运，预计 3 天内恢复。同类工单请关联到本问题单，统一回复，不要单独补发。',
    holdReply: '受暴雨影响，快递华东转运中心暂时停运，您的包裹目前滞留在中转站，恢复运转后会优先派送。我们会持续跟进，请您耐心等待。',
    incidentNote: '已关联到问题单 #{problem}，等待转运中心恢复。',
    resolution: '转运中心已经恢复运转，滞留的包裹正在优先派送，预计 1–2 天内送达。感谢您的耐心等待！',
    daysAgo: 2,
    fixedAfterHours: null,
    incidents: 7,
  },
];

export const EN_CLUSTERS: readonly Cluster[] = [
  {
    lang: 'en',
    scenario: 'en-invoice',
    problemSubject: '[Problem] Invoice PDF download fails with error 500',
    subject: ['Cannot download my invoice', 'Invoice download error', 'Error 500 when opening invoice'],
    opening: [
      'When I click "Download invoice" I get an error 500. Order {order}.',
      'The invoice link in my account just shows a server error page.',
      'Our accounts team cannot download any invoices this week, they all fail.',
    ],
    problemNote: 'Engineering confirmed: the PDF renderer fails for orders with more than one tax line. Link similar tickets here.',
    holdReply:
      'Sorry about this! We know about a problem with invoice downloads and our engineers are working on a fix. We will let you know as soon as it is resolved.',
    incidentNote: 'Linked to problem #{problem}.',
    resolution:
      'The issue preventing invoice downloads has been fixed. You can now download your invoice PDF from Orders → Invoice. Sorry for the trouble!',
    daysAgo: 10,
    fixedAfterHours: 30,
    incidents: 5,
  },
];
