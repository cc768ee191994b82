import type { Phrasebook } from './scenarios.js';

/** Generic turns (chasing, thanks, closing words) and channel manners, per language. */
export const ZH_PHRASES: Phrasebook = {
  chase: ['请问现在处理得怎么样了？', '还有进展吗？都好几天了。', '怎么还没有回复？麻烦快一点。', '催一下，着急用。'],
  thanks: ['好的，收到了，谢谢！', '问题解决了，谢谢你们～', '非常感谢，服务很好！'],
  welcome: ['不客气～如有其他问题随时联系我们，祝您生活愉快！', '能帮到您很高兴！这个工单我先标记为已解决啦。'],
  hold: ['已提交相关部门处理，需要一点时间，有进展第一时间通知您。'],
  note: ['已电话联系客户，未接通，稍后再打。', '同类问题本周第 3 单，已反馈给组长。'],
  emailGreeting: ['您好，', '客服您好：', '你好，'],
  emailSignoff: ['谢谢！', '麻烦尽快处理，谢谢。', '期待回复。'],
  agentEmailGreeting: ['{name}，您好：', '尊敬的{name}，您好！'],
  agentEmailSignoff: ['{agent}\n示例科技客户服务中心', '祝好！\n{agent} | 示例科技客服'],
  chatOpener: ['在吗？', '你好，', '客服在吗？'],
  agentChatOpener: ['您好，', '您好～', '亲，您好，'],
};

export const EN_PHRASES: Phrasebook = {
  chase: ['Any update on this?', 'Hi, just following up. It has been a few days.', 'Still waiting to hear back. Can someone look at this?'],
  thanks: ['Great, thanks for your help!', 'Received, thank you!', 'All sorted, thanks a lot.'],
  welcome: ['You are welcome! I will mark this as solved; just reply if anything else comes up.', 'Glad we could help. Have a great day!'],
  hold: ['I have passed this to the team responsible and will update you as soon as I hear back.'],
  note: ['Called the customer, no answer. Will try again later.', 'Third ticket like this this week, flagged to the team lead.'],
  emailGreeting: ['Hi,', 'Hello,', 'Hi there,', 'Dear support team,'],
  emailSignoff: ['Thanks,', 'Best regards,', 'Cheers,'],
  agentEmailGreeting: ['Hi {name},', 'Hello {name},'],
  agentEmailSignoff: ['Best regards,\n{agent}\nDemo Co. Support', 'Thanks,\n{agent} | Demo Co. Customer Care'],
  chatOpener: ['Hi, ', 'Hello! ', ''],
  agentChatOpener: ['Hi {name}! ', 'Thanks for waiting, {name}. ', ''],
};
