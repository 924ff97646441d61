// Strings of the proofing desk (menu bar, command registry, status bar, go-to-line, tour, sample
// issue, search paging), kept apart from shared/i18n.ts so several people can add keys at once.
// Merged into the tables there as `desk`.

export const deskEn = {
  menu: { go: 'Go', review: 'Review', bar: 'Menu bar' },
  cmd: {
    sample: 'Open the sample issue', moveUp: 'Move item start up', moveDown: 'Move item start down',
    gotoLine: 'Go to line…', nextPage: 'Next page', prevPage: 'Previous page', tour: 'Guided tour',
  },
  help: { gestures: 'In the OCR text', field: 'In a card field: Enter saves, Escape reverts' },
  gotoLine: {
    title: 'Go to line', label: 'Line (1–{{max}})', go: 'Go', invalid: 'Enter a line number from 1 to {{max}}.',
  },
  status: {
    position: 'Ln {{line}}, Col {{col}}', item: 'Item {{n}} of {{total}}', noItems: 'No items', readOnly: 'Read only',
    readOnlyWhy: 'Read only: {{why}}', busy: 'Segmenting…', label: 'Status',
  },
  merge: { notFirstLine: 'Put the cursor on an item’s first line to merge it into the one above.' },
  search: {
    total_one: '{{count}} result', total_other: '{{count}} results', page: 'Results {{from}}–{{to}} of {{total}}',
    prev: 'Previous', next: 'Next', selectAll_one: 'Select {{count}} match', selectAll_other: 'Select all {{count}} matches',
    allSelected_one: '{{count}} match selected', allSelected_other: 'All {{count}} matches selected',
    confirmAll_one: 'Tag {{count}} matching item? Tags to add: {{add}}; to remove: {{remove}}.',
    confirmAll_other: 'Tag all {{count}} matching items? Tags to add: {{add}}; to remove: {{remove}}.',
    none: '—',
  },
  bulk: {
    title_one: 'Tag {{count}} item', title_other: 'Tag {{count}} items', confirm_one: 'Yes, change {{count}} item', confirm_other: 'Yes, change {{count}} items',
    done_one: 'Tags changed on {{count}} item.', done_other: 'Tags changed on {{count}} items.',
  },
  err: {
    lastSupervisor: '{{name}} is the last supervisor: make someone else a supervisor first.',
    lastSupervisorRemove: '{{name}} is the last supervisor and cannot be removed.',
    searchChanged: 'The search now matches {{now}} items, not {{was}}: search again and confirm.',
    tooManyItems: 'This page has {{items}} items; a page may have at most {{max}}.',
    tooLong: 'This page has {{chars}} characters; a page may have at most {{max}}.',
    sampleMissing: 'The sample issue is missing from this installation.', sampleFailed: 'The sample issue could not be imported.',
    emptyFile: 'the file is empty',
  },
  import: { progress: 'Importing… {{done}} of {{total}} files', progressOpen: 'Importing… {{done}} files' },
  unknownPublication: 'Unknown publication',
  why: { summary: 'Why are some actions unavailable?', approve: 'Approve: {{why}}', export: 'Export: {{why}}' },
  notice: '{{message}}',
  vocab: {
    parentsAdded: 'Also added the missing parent terms: {{parents}}.', noParent: 'the parent {{type}} {{path}} is not in the file or the vocabulary',
    fields: 'expected {{expected}} fields, found {{found}}', unknownType: 'unknown type “{{type}}”', duplicate: '{{type}} {{path}} appears twice (first on line {{line}})',
  },
  library: {
    year: '{{year}}', month: '{{year}}-{{month}}', noDate: 'Undated', issues_one: '{{count}} issue', issues_other: '{{count}} issues',
  },
  sample: {
    offer: 'New here? Open a sample issue with a few OCR faults to practise on, then take the two-minute tour.',
    open: 'Open the sample issue', tour: 'Take the tour', opened: 'Sample issue opened.', dismiss: 'Not now',
  },
  tour: {
    title: 'Tour', step: 'Step {{n}} of {{total}}', next: 'Next', back: 'Back', done: 'Done', skip: 'Skip tour',
    split: 'Split: put the cursor on the line where a new item starts and press Ctrl+Enter (or Edit › Split here).',
    merge: 'Merge: Ctrl+Backspace on any line of an item joins it to the item above (it never deletes text).',
    titles: 'Title roles: on a line, Alt+H makes it the headline, Alt+S the subheadline, Alt+K the kicker, Alt+B the byline.',
    doubts: 'Doubts: the engine marks lines it is unsure of with ⚠ in the gutter and on the card; check those first.',
    approval: 'Approval: set each page to Proofed (Alt+P); a supervisor then approves and exports the issue.',
  },
};

export type DeskStrings = typeof deskEn;

export const deskZh: DeskStrings = {
  menu: { go: '转到', review: '审核', bar: '菜单栏' },
  cmd: {
    sample: '打开示例期', moveUp: '条目起点上移', moveDown: '条目起点下移',
    gotoLine: '转到行…', nextPage: '下一版', prevPage: '上一版', tour: '引导教程',
  },
  help: { gestures: '在 OCR 原文中', field: '在卡片字段中：Enter 保存，Esc 还原' },
  gotoLine: { title: '转到行', label: '行号（1–{{max}}）', go: '转到', invalid: '请输入 1 到 {{max}} 之间的行号。' },
  status: {
    position: '第 {{line}} 行，第 {{col}} 列', item: '第 {{n}} 条，共 {{total}} 条', noItems: '没有条目', readOnly: '只读',
    readOnlyWhy: '只读：{{why}}', busy: '正在切分…', label: '状态',
  },
  merge: { notFirstLine: '请把光标放在条目的首行，再把它并入上一条。' },
  search: {
    total_one: '共 {{count}} 条结果', total_other: '共 {{count}} 条结果', page: '第 {{from}}–{{to}} 条，共 {{total}} 条',
    prev: '上一页', next: '下一页', selectAll_one: '选中全部 {{count}} 条', selectAll_other: '选中全部 {{count}} 条',
    allSelected_one: '已选中全部 {{count}} 条', allSelected_other: '已选中全部 {{count}} 条',
    confirmAll_one: '给 {{count}} 条匹配的条目加标签？添加：{{add}}；移除：{{remove}}。',
    confirmAll_other: '给全部 {{count}} 条匹配的条目加标签？添加：{{add}}；移除：{{remove}}。',
    none: '—',
  },
  bulk: {
    title_one: '给 {{count}} 条加标签', title_other: '给 {{count}} 条加标签', confirm_one: '确定修改 {{count}} 条', confirm_other: '确定修改 {{count}} 条',
    done_one: '已修改 {{count}} 条的标签。', done_other: '已修改 {{count}} 条的标签。',
  },
  err: {
    lastSupervisor: '{{name}} 是最后一位主管：请先让另一人成为主管。',
    lastSupervisorRemove: '{{name}} 是最后一位主管，不能删除。',
    searchChanged: '检索结果现在是 {{now}} 条，而不是 {{was}} 条：请重新检索并确认。',
    tooManyItems: '此版面有 {{items}} 个条目，一个版面最多 {{max}} 个。',
    tooLong: '此版面有 {{chars}} 个字符，一个版面最多 {{max}} 个。',
    sampleMissing: '此安装缺少示例期。', sampleFailed: '示例期无法导入。',
    emptyFile: '文件是空的',
  },
  import: { progress: '正在导入… 已处理 {{done}}／{{total}} 个文件', progressOpen: '正在导入… 已处理 {{done}} 个文件' },
  unknownPublication: '未知报刊',
  why: { summary: '为什么有些操作不可用？', approve: '审核通过：{{why}}', export: '导出：{{why}}' },
  notice: '{{message}}',
  vocab: {
    parentsAdded: '同时添加了缺少的上级词条：{{parents}}。', noParent: '上级{{type}}“{{path}}”既不在文件中，也不在词表中',
    fields: '应有 {{expected}} 个字段，实际 {{found}} 个', unknownType: '未知类型“{{type}}”', duplicate: '{{type}}“{{path}}”重复出现（首次在第 {{line}} 行）',
  },
  library: {
    year: '{{year}} 年', month: '{{year}} 年 {{month}} 月', noDate: '无日期', issues_one: '{{count}} 期', issues_other: '{{count}} 期',
  },
  sample: {
    offer: '第一次使用？打开一份带有若干 OCR 错误的示例期来练习，再看两分钟的引导教程。',
    open: '打开示例期', tour: '开始教程', opened: '示例期已打开。', dismiss: '以后再说',
  },
  tour: {
    title: '教程', step: '第 {{n}} 步，共 {{total}} 步', next: '下一步', back: '上一步', done: '完成', skip: '跳过教程',
    split: '拆分：把光标放在新条目开始的那一行，按 Ctrl+Enter（或“编辑 › 在此拆分”）。',
    merge: '合并：在条目的任一行按 Ctrl+Backspace，把它并入上一条（不会删除文字）。',
    titles: '标题角色：在某一行按 Alt+H 设为主标题，Alt+S 设为副题，Alt+K 设为引题，Alt+B 设为署名。',
    doubts: '存疑：引擎没有把握的行在行号旁和卡片上标有 ⚠，请先检查这些地方。',
    approval: '审核：把每个版面设为“已校对”（Alt+P），再由主管审核并导出整期。',
  },
};
