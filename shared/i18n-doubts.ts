// Strings of doubts and learned profiles (issue 10: the engine's confidence shown to editors,
// publication profiles learned from proofed pages), kept apart from shared/i18n.ts so several
// people can add keys at once. Merged into the tables there as `doubt`.

export const doubtsEn = {
  cmd: { next: 'Next doubt', prev: 'Previous doubt', confirm: 'Confirm split and titles' },
  split: 'Doubtful split: the engine is {{pct}}% sure an item starts here. F8 goes to the next doubt.',
  titles: 'Doubtful titles: the engine is {{pct}}% sure of the kicker, headline and subheadline.',
  badgeSplit: 'split {{pct}}%',
  badgeTitles: 'titles {{pct}}%',
  badgeLabel: 'Doubt',
  confirm: 'Confirm',
  confirmTitle: 'The split and titles are right: no longer a doubt',
  count_one: '{{count}} doubt',
  count_other: '{{count}} doubts',
  countTitle: 'Splits or titles the engine is not sure of',
  none: 'No doubts on this page.',
  position: 'Doubt {{n}} of {{total}}',
  model: 'Model: {{version}}',
  modelProfile: 'Model: {{profile}} profile (learned from {{count}} pages)',
  modelProfile_one: 'Model: {{profile}} profile (learned from {{count}} page)',
  modelTitle: 'Segmented by line-role model {{version}}',
  modelTitleProfile: 'Segmented by line-role model {{version}}, adapted to {{profile}} by the pages its editors proofed',
  previewProfile: 'preview: {{profile}}',
  previewTitleProfile: 'While you edit, splits are previewed with the {{profile}} profile (learned from {{count}} pages), as the host derives them',
  previewTitleProfile_one: 'While you edit, splits are previewed with the {{profile}} profile (learned from {{count}} page), as the host derives them',
  previewTitleBase: 'While you edit, splits are previewed with the base model: this publication has no profile yet',
  setAside: '{{profile}} profile set aside',
  setAsideTitle:
    'The {{profile}} profile (learned from {{count}} pages) is set aside: on the proofed pages it was tried on ({{trial}}) it scored {{profileScore}}, the base model {{baseScore}}. Pages are segmented and previewed with the base model until the profile, fitted again at each proofed page, does better.',
  awaitingTrial: '{{profile}} profile awaiting its trial',
  awaitingTrialTitle:
    'The {{profile}} profile has learned from one proofed page, on which the base model already scored {{baseScore}}. A profile of one page mostly learns that page, so pages are segmented and previewed with the base model until the next proofed page shows the profile does better.',
  setAsideTitle_one:
    'The {{profile}} profile (learned from {{count}} page) is set aside: on the proofed pages it was tried on ({{trial}}) it scored {{profileScore}}, the base model {{baseScore}}. Pages are segmented and previewed with the base model until the profile, fitted again at each proofed page, does better.',
};

export const doubtsZh: typeof doubtsEn = {
  cmd: { next: '下一处存疑', prev: '上一处存疑', confirm: '确认分条与标题' },
  split: '存疑的分条：引擎对此处开始新条目的把握为 {{pct}}%。按 F8 转到下一处存疑。',
  titles: '存疑的标题：引擎对引题、主题和副题的把握为 {{pct}}%。',
  badgeSplit: '分条 {{pct}}%',
  badgeTitles: '标题 {{pct}}%',
  badgeLabel: '存疑',
  confirm: '确认',
  confirmTitle: '分条和标题无误，不再存疑',
  count_one: '{{count}} 处存疑',
  count_other: '{{count}} 处存疑',
  countTitle: '引擎没有把握的分条或标题',
  none: '本版没有存疑之处。',
  position: '第 {{n}} 处存疑，共 {{total}} 处',
  model: '模型：{{version}}',
  modelProfile: '模型：{{profile}} 配置（学自 {{count}} 版）',
  modelProfile_one: '模型：{{profile}} 配置（学自 {{count}} 版）',
  modelTitle: '由版面行角色模型 {{version}} 切分',
  modelTitleProfile: '由版面行角色模型 {{version}} 切分，并按 {{profile}} 编辑校毕的版面调整',
  previewProfile: '预览：{{profile}}',
  previewTitleProfile: '编辑时按 {{profile}} 配置（学自 {{count}} 版）预览分条，与主机的切分一致',
  previewTitleProfile_one: '编辑时按 {{profile}} 配置（学自 {{count}} 版）预览分条，与主机的切分一致',
  previewTitleBase: '编辑时用基础模型预览分条：本报尚无学得的配置',
  setAside: '{{profile}} 配置暂不使用',
  setAsideTitle:
    '{{profile}} 配置（学自 {{count}} 版）暂不使用：在校毕后试用的 {{trial}} 版上，它得分 {{profileScore}}，基础模型得分 {{baseScore}}。在每校毕一版重新学习的配置胜过基础模型之前，本报各版都用基础模型切分和预览。',
  awaitingTrial: '{{profile}} 配置待试用',
  awaitingTrialTitle:
    '{{profile}} 配置只学过一个校毕的版面，基础模型在该版上已得分 {{baseScore}}。只学一版的配置多半只学到该版本身，因此在下一个校毕的版面证明它胜过基础模型之前，本报各版都用基础模型切分和预览。',
  setAsideTitle_one:
    '{{profile}} 配置（学自 {{count}} 版）暂不使用：在校毕后试用的 {{trial}} 版上，它得分 {{profileScore}}，基础模型得分 {{baseScore}}。在每校毕一版重新学习的配置胜过基础模型之前，本报各版都用基础模型切分和预览。',
};
