// Every user-visible string of the workspace and the Electron menu, in English and Simplified Chinese.
import type { Language } from './ipc.ts';
import { deskEn, deskZh } from './i18n-desk.ts';
import { securityEn, securityZh } from './i18n-security.ts';
import { doubtsEn, doubtsZh } from './i18n-doubts.ts';
import { scanEn, scanZh } from './i18n-scan.ts';
import { errorsEn, errorsZh } from './i18n-errors.ts';
import { accountsEn, accountsZh } from './i18n-accounts.ts';

const en = {
  desk: deskEn,
  security: securityEn,
  doubt: doubtsEn,
  scan: scanEn,
  errors: errorsEn,
  accounts: accountsEn,
  app: {
    name: 'Galley',
    hostBrowser: 'Browser host',
    hostElectron: 'Desktop',
    archiveLocal: 'Local archive: {{name}}',
    archiveTeam: 'Team archive: {{name}}',
    archiveTitle: 'The archive this window works on: {{path}}',
  },
  menu: {
    file: 'File', import: 'Import…', export: 'Export… (supervisor only)', quit: 'Quit',
    edit: 'Edit', undo: 'Undo', redo: 'Redo', split: 'Split here', merge: 'Merge with previous',
    view: 'View', zoomIn: 'Zoom in', zoomOut: 'Zoom out', zoomReset: 'Actual size', language: 'Language',
    help: 'Help', shortcuts: 'Keyboard shortcuts',
  },
  lang: { en: 'English', 'zh-CN': '简体中文', label: 'Language' },
  library: {
    title: 'Library', empty: 'No pages yet. Drop page files or folders here, or use Import.',
    issue: 'No. {{number}}', noNumber: 'No number', noDate: 'Undated', progress: '{{done}}/{{total}} pages proofed',
    page: 'Page {{number}}', pageUnknown: 'Page ?', items: '{{count}} items',
  },
  state: { imported: 'Imported', 'in-progress': 'In progress', proofed: 'Proofed', approved: 'Approved', exported: 'Exported' },
  toolbar: {
    import: 'Import…', undo: 'Undo', redo: 'Redo', split: 'Split', merge: 'Merge', help: 'Shortcuts',
    pageState: 'Page state', saved: 'Saved', saving: 'Saving…', unsaved: 'Unsaved', saveError: 'Not saved: {{message}}',
  },
  page: {
    none: 'Choose a page in the library.', loading: 'Loading…', rawText: 'OCR text', structured: 'Items',
    resize: 'Resize panes', title: '{{source}} · page {{number}}',
  },
  kind: {
    masthead: 'Masthead', article: 'Article', editorial: 'Editorial', photo: 'Photo', brief: 'Brief',
    advertisement: 'Advertisement', notice: 'Notice',
  },
  field: {
    kind: 'Kind', kicker: 'Kicker', headline: 'Headline', subheadline: 'Subheadline', series: 'Series',
    byline: 'Byline', contributors: 'Contributors', paragraphs: 'Paragraphs', continuedOn: 'Continued on page',
    continuedFrom: 'Continued from page', flags: 'Flags', edited: 'edited', caption: 'Caption',
    contributorsHint: 'name (role), name (role)', invalidContributors: 'Write each as: name (role)',
  },
  role: {
    reporter: 'reporter', 'trainee-reporter': 'trainee reporter', correspondent: 'correspondent', photographer: 'photographer',
    commentator: 'commentator', editor: 'editor', author: 'author', agency: 'agency',
  },
  card: { item: 'Item {{n}}', lines: 'lines {{from}}–{{to}}', empty: '—' },
  flag: {
    'unbalanced-quotes': 'Unbalanced quotes', 'unbalanced-brackets': 'Unbalanced brackets',
    'unterminated-paragraph': 'Unterminated paragraph', 'lost-text': 'Possibly lost text', 'orphan-continuation': 'Orphan continuation',
  },
  editor: {
    assignTo: 'Assign line to {{role}}', splitHere: 'Split here', mergePrev: 'Merge with previous item',
    dragMarker: 'Drag to move the start of this {{kind}}',
  },
  import: {
    drop: 'Drop page files or folders to import', progress: 'Importing… {{done}} files done', current: 'Reading {{name}}',
    done: 'Import finished: {{imported}} imported, {{unchanged}} unchanged, {{skipped}} skipped, {{failed}} failed', errors: 'Errors',
    close: 'Close', pick: 'Choose files', busy: 'An import is already running.',
  },
  help: {
    title: 'Keyboard shortcuts', close: 'Close (Esc)',
    split: 'Split: a new item starts on the cursor line', merge: 'Merge the item into the previous one (cursor on its first line)',
    move: 'Move the item’s start up / down one line', kind: 'Set the item’s kind (1 masthead … 7 notice)',
    role: 'Assign the line to kicker / headline / subheadline / series / byline / caption',
    undo: 'Undo', redo: 'Redo', focusLibrary: 'Focus the library', focusEditor: 'Focus the OCR text', focusCards: 'Focus the items',
    nextPage: 'Next / previous page', help: 'Show this help', language: 'Switch language', proofed: 'Mark the page proofed',
    field: 'In a card field: Enter saves, Escape reverts',
  },
  error: { generic: 'Something went wrong: {{message}}', conflict: 'The page changed elsewhere; reloaded.', refused: 'Refused: {{message}}' },
  flagDetail: {
    format: '{{title}}: {{detail}}',
    neverClosed: '{{ch}} is never closed', closesNothing: '{{ch}} closes nothing: text before it may be lost',
    straightQuotes: 'odd number of " quotation marks',
    'lost-text': 'the body starts in mid-sentence: text before it may be lost',
    'unterminated-paragraph': 'the last paragraph ends without punctuation: text may be lost or continue elsewhere',
    'orphan-continuation': 'body text without a headline at the top of the page: it may continue an article from another page',
  },
  common: { close: 'Close', cancel: 'Cancel', save: 'Save', apply: 'Apply', working: 'Working…' },
  profileRole: { editor: 'Editor', archivist: 'Archivist', supervisor: 'Supervisor' },
  profile: {
    who: 'Who is working?', pick: 'Choose your profile.', last: 'last time', choose: 'Work as {{name}}',
    none: 'No profiles yet. Create the first one: it becomes the supervisor, who can add everyone else.',
    name: 'Name', role: 'Role', createFirst: 'Create the supervisor profile', later: 'Not now',
    laterHint: 'Without profiles you can proof pages; approving and exporting need a supervisor.',
    switch: 'Switch profile', nobody: 'No profile', current: '{{name}} · {{role}}', manage: 'Profiles',
    managerTitle: 'Profiles', add: 'Add', newName: 'New profile’s name', remove: 'Remove',
    removeConfirm: 'Remove the profile {{name}}?', you: 'you',
  },
  perm: {
    'page.save': 'Only an editor or a supervisor can change the text or segmentation of a page',
    'item.editMetadata': 'Only an editor, archivist or supervisor can change an item’s metadata',
    'page.setState': 'Only an editor or a supervisor can change the proofing state of a page',
    'item.tag': 'Only an archivist or a supervisor can tag an item',
    'vocabulary.edit': 'Only an archivist or a supervisor can edit the vocabulary',
    'import.run': 'Only an editor, archivist or supervisor can import pages',
    'revision.restore': 'Only an editor or a supervisor can restore an earlier revision of a page',
    'issue.approve': 'Only a supervisor can approve an issue',
    'issue.reopen': 'Only a supervisor can reopen an issue',
    'issue.export': 'Only a supervisor can export an issue',
    'profile.manage': 'Only a supervisor can manage profiles',
    noProfile: 'Choose a profile first',
  },
  tags: {
    label: 'Tags', add: 'Add a tag', placeholder: 'tag or term…', remove: 'Remove the tag {{tag}}', suggest: 'Suggest',
    hide: 'Hide suggestions', keywords: 'Keywords', people: 'People', places: 'Places', organisations: 'Organisations',
    vocabulary: 'Vocabulary', noSuggestions: 'No suggestions.', accept: 'Add the tag {{tag}}', noId: 'Tags can be added once the item is saved and the page reopened',
    none: 'No tags', history: 'History',
  },
  search: {
    open: 'Search', title: 'Search the archive', query: 'Words to find', run: 'Search', kind: 'Kind', any: 'Any',
    from: 'From', to: 'To', tag: 'Tag', state: 'Page state', results_one: '{{count}} result', results_other: '{{count}} results', none: 'Nothing found.',
    selectAll: 'Select all', tagSelected: 'Tag selected…', selected: '{{count}} selected', page: 'p. {{n}}', openHit: 'Open',
  },
  bulk: {
    title: 'Tag {{count}} items', add: 'Add tags', remove: 'Remove tags', hint: 'Separate tags with commas',
    done: 'Tags changed on {{changed}} items.',
  },
  issue: {
    items: 'Items', itemsTitle: 'Items of {{issue}}', approve: 'Approve', reopen: 'Reopen…', export: 'Export…', history: 'History',
    notProofed: 'An issue can be approved once every page is proofed', notLocked: 'Only an approved or exported issue can be reopened',
    notApproved: 'Only an approved issue can be exported', locked: 'This issue is locked ({{state}}): changes are refused until a supervisor reopens it.',
    reopenTitle: 'Reopen {{issue}}', reason: 'Reason', reasonHint: 'Why does the issue need changes?', historyTitle: 'History of {{issue}}',
    event: { 'pages-changed': 'Pages changed', approve: 'Approved', export: 'Exported', reopen: 'Reopened' },
    noOpen: 'Open a page of an issue first.',
  },
  exportDlg: {
    title: 'Export {{issue}}', formats: 'Formats', zip: 'Also write a zip file', folder: 'Folder', choose: 'Choose…', run: 'Export',
    done: 'Exported to', zipFile: 'Zip file', manifest: 'Manifest', file: 'File', size: 'Bytes', noFormat: 'Choose at least one format',
    fmt: { json: 'JSON (galley.issue-export/1)', nitf: 'NITF 3.6', newsml: 'NewsML-G2', csv: 'CSV', markdown: 'Markdown', txt: 'Plain text' },
  },
  vocab: {
    open: 'Vocabulary', title: 'Vocabulary', type: { subject: 'Subjects', person: 'People', place: 'Places', organisation: 'Organisations' },
    typeLabel: 'Type', path: 'Path', pathHint: 'parent/child', label: 'Label', aliases: 'Aliases', aliasesHint: 'alias|alias',
    add: 'Add a term', edit: 'Edit', remove: 'Remove', importCsv: 'Import CSV…', exportCsv: 'Export CSV', replace: 'Replace the whole vocabulary',
    imported: 'Imported: {{added}} added, {{updated}} updated, {{removed}} removed.', line: 'Line {{line}}: {{message}}',
    empty: 'The vocabulary is empty.', removeConfirm: 'Remove {{label}}?',
  },
  history: {
    page: 'History', titlePage: 'History of page {{n}}', titleItem: 'History of item {{n}}', none: 'No revisions yet.',
    restore: 'Restore this version', restored: 'Restored as revision {{revision}}.', noDiff: 'No text changed.', revision: 'rev. {{n}}',
    action: { import: 'Imported', reimport: 'Re-imported', save: 'Edited', tag: 'Tagged', state: 'State', restore: 'Restored', approve: 'Approved', reopen: 'Reopened', export: 'Exported' },
    unknownRole: 'no profile',
    summary: {
      imported_one: 'Imported ({{count}} item)', imported_other: 'Imported ({{count}} items)',
      reimported_one: 'Re-imported ({{count}} item)', reimported_other: 'Re-imported ({{count}} items)',
      state: 'State: {{from}} → {{to}}', tags: 'Tags: {{changes}}', tagsOfItem: 'Tags of item {{item}}: {{changes}}', tagsNone: 'Tags of items',
      sep: '; ', listSep: ', ', restored: 'Restored revision {{revision}}',
      saved_one: 'Saved: {{count}} item changed', saved_other: 'Saved: {{count}} items changed',
      savedText_one: 'Saved: text and {{count}} item changed', savedText_other: 'Saved: text and {{count}} items changed',
      savedRemoved_one: ', {{count}} removed', savedRemoved_other: ', {{count}} removed',
      itemImported: 'Imported', itemCreated: 'Created', itemRemoved: 'Removed',
    },
    field: { tags: 'Tags', state: 'State', new: 'new', colon: ': ' },
  },
};

type Strings = typeof en;

const zh: Strings = {
  desk: deskZh,
  security: securityZh,
  doubt: doubtsZh,
  scan: scanZh,
  errors: errorsZh,
  accounts: accountsZh,
  app: {
    name: 'Galley 校对',
    hostBrowser: '浏览器模式',
    hostElectron: '桌面版',
    archiveLocal: '本地档案：{{name}}',
    archiveTeam: '团队档案：{{name}}',
    archiveTitle: '本窗口所用的档案：{{path}}',
  },
  menu: {
    file: '文件', import: '导入…', export: '导出…（仅限主管）', quit: '退出',
    edit: '编辑', undo: '撤销', redo: '重做', split: '在此拆分', merge: '与上一条合并',
    view: '视图', zoomIn: '放大', zoomOut: '缩小', zoomReset: '实际大小', language: '语言',
    help: '帮助', shortcuts: '键盘快捷键',
  },
  lang: { en: 'English', 'zh-CN': '简体中文', label: '语言' },
  library: {
    title: '资料库', empty: '还没有版面。把版面文件或文件夹拖到这里，或使用“导入”。',
    issue: '第 {{number}} 期', noNumber: '无期号', noDate: '无日期', progress: '已校对 {{done}}/{{total}} 版',
    page: '第 {{number}} 版', pageUnknown: '第 ？ 版', items: '{{count}} 条',
  },
  state: { imported: '已导入', 'in-progress': '校对中', proofed: '已校对', approved: '已审核', exported: '已导出' },
  toolbar: {
    import: '导入…', undo: '撤销', redo: '重做', split: '拆分', merge: '合并', help: '快捷键',
    pageState: '版面状态', saved: '已保存', saving: '正在保存…', unsaved: '未保存', saveError: '保存失败：{{message}}',
  },
  page: {
    none: '请在资料库中选择一个版面。', loading: '正在加载…', rawText: 'OCR 原文', structured: '条目',
    resize: '调整窗格大小', title: '{{source}} · 第 {{number}} 版',
  },
  kind: {
    masthead: '报头', article: '文章', editorial: '评论', photo: '图片', brief: '简讯', advertisement: '广告', notice: '公告',
  },
  field: {
    kind: '类型', kicker: '引题', headline: '主标题', subheadline: '副题', series: '栏目',
    byline: '署名', contributors: '作者', paragraphs: '正文段落', continuedOn: '转第几版',
    continuedFrom: '接第几版', flags: '提示', edited: '已手改', caption: '图片说明',
    contributorsHint: '姓名（角色），姓名（角色）', invalidContributors: '请按“姓名（角色）”填写',
  },
  role: {
    reporter: '记者', 'trainee-reporter': '见习记者', correspondent: '通讯员', photographer: '摄影',
    commentator: '评论员', editor: '编辑', author: '作者', agency: '通讯社',
  },
  card: { item: '第 {{n}} 条', lines: '第 {{from}}–{{to}} 行', empty: '—' },
  flag: {
    'unbalanced-quotes': '引号不成对', 'unbalanced-brackets': '括号不成对',
    'unterminated-paragraph': '段落未结束', 'lost-text': '可能丢失文字', 'orphan-continuation': '转接版面不匹配',
  },
  editor: {
    assignTo: '将此行设为{{role}}', splitHere: '在此拆分', mergePrev: '与上一条合并',
    dragMarker: '拖动以移动此{{kind}}的起点',
  },
  import: {
    drop: '拖放版面文件或文件夹以导入', progress: '正在导入… 已处理 {{done}} 个文件', current: '正在读取 {{name}}',
    done: '导入完成：导入 {{imported}}，未变 {{unchanged}}，跳过 {{skipped}}，失败 {{failed}}', errors: '错误',
    close: '关闭', pick: '选择文件', busy: '已有导入正在进行。',
  },
  help: {
    title: '键盘快捷键', close: '关闭（Esc）',
    split: '拆分：从光标所在行开始新条目', merge: '把本条并入上一条（光标在首行）',
    move: '把本条起点上移/下移一行', kind: '设置条目类型（1 报头 … 7 公告）',
    role: '把此行设为引题/主标题/副题/栏目/署名/图片说明',
    undo: '撤销', redo: '重做', focusLibrary: '转到资料库', focusEditor: '转到 OCR 原文', focusCards: '转到条目',
    nextPage: '下一版/上一版', help: '显示本帮助', language: '切换语言', proofed: '把版面标为已校对',
    field: '在字段中：Enter 保存，Esc 还原',
  },
  error: { generic: '出错了：{{message}}', conflict: '版面已在别处修改，已重新加载。', refused: '被拒绝：{{message}}' },
  flagDetail: {
    format: '{{title}}：{{detail}}',
    neverClosed: '{{ch}} 没有闭合', closesNothing: '{{ch}} 前面没有对应的开符号，前文可能丢失',
    straightQuotes: '直引号 " 的数目为奇数',
    'lost-text': '正文从句子中间开始，前文可能丢失',
    'unterminated-paragraph': '最后一段没有结束标点，文字可能丢失或转至他版',
    'orphan-continuation': '版面顶部的正文没有标题，可能是他版文章的转接部分',
  },
  common: { close: '关闭', cancel: '取消', save: '保存', apply: '应用', working: '正在处理…' },
  profileRole: { editor: '编辑', archivist: '资料员', supervisor: '主管' },
  profile: {
    who: '谁在工作？', pick: '请选择您的用户档案。', last: '上次使用', choose: '以 {{name}} 身份工作',
    none: '还没有用户档案。请创建第一个：它将成为主管，由主管添加其他人。',
    name: '姓名', role: '角色', createFirst: '创建主管档案', later: '暂不',
    laterHint: '没有用户档案也可以校对版面；审核和导出需要主管。',
    switch: '切换用户', nobody: '未选用户', current: '{{name}} · {{role}}', manage: '用户档案',
    managerTitle: '用户档案', add: '添加', newName: '新用户的姓名', remove: '删除',
    removeConfirm: '删除用户档案 {{name}}？', you: '当前',
  },
  perm: {
    'page.save': '只有编辑或主管可以修改版面的文字或切分',
    'item.editMetadata': '只有编辑、资料员或主管可以修改条目信息',
    'page.setState': '只有编辑或主管可以修改版面的校对状态',
    'item.tag': '只有资料员或主管可以给条目加标签',
    'vocabulary.edit': '只有资料员或主管可以编辑主题词表',
    'import.run': '只有编辑、资料员或主管可以导入版面',
    'revision.restore': '只有编辑或主管可以恢复版面的早先版本',
    'issue.approve': '只有主管可以审核期次',
    'issue.reopen': '只有主管可以重新打开期次',
    'issue.export': '只有主管可以导出期次',
    'profile.manage': '只有主管可以管理用户档案',
    noProfile: '请先选择用户档案',
  },
  tags: {
    label: '标签', add: '添加标签', placeholder: '标签或主题词…', remove: '删除标签 {{tag}}', suggest: '推荐',
    hide: '收起推荐', keywords: '关键词', people: '人物', places: '地点', organisations: '机构',
    vocabulary: '主题词', noSuggestions: '没有推荐。', accept: '添加标签 {{tag}}', noId: '条目保存并重新打开版面后才能加标签',
    none: '没有标签', history: '历史',
  },
  search: {
    open: '检索', title: '检索资料库', query: '检索词', run: '检索', kind: '类型', any: '全部',
    from: '起始日期', to: '截止日期', tag: '标签', state: '版面状态', results_one: '共 {{count}} 条结果', results_other: '共 {{count}} 条结果', none: '没有找到。',
    selectAll: '全选', tagSelected: '给所选加标签…', selected: '已选 {{count}} 条', page: '第 {{n}} 版', openHit: '打开',
  },
  bulk: {
    title: '给 {{count}} 个条目加标签', add: '添加标签', remove: '删除标签', hint: '多个标签用逗号分隔',
    done: '已修改 {{changed}} 个条目的标签。',
  },
  issue: {
    items: '条目', itemsTitle: '{{issue}} 的条目', approve: '审核通过', reopen: '重新打开…', export: '导出…', history: '历史',
    notProofed: '所有版面校对完毕后才能审核', notLocked: '只有已审核或已导出的期次可以重新打开',
    notApproved: '只有已审核的期次可以导出', locked: '本期已锁定（{{state}}）：在主管重新打开之前，任何修改都会被拒绝。',
    reopenTitle: '重新打开 {{issue}}', reason: '原因', reasonHint: '为什么需要修改本期？', historyTitle: '{{issue}} 的历史',
    event: { 'pages-changed': '版面变更', approve: '审核通过', export: '已导出', reopen: '重新打开' },
    noOpen: '请先打开某一期的版面。',
  },
  exportDlg: {
    title: '导出 {{issue}}', formats: '格式', zip: '同时生成 zip 文件', folder: '文件夹', choose: '选择…', run: '导出',
    done: '已导出到', zipFile: 'zip 文件', manifest: '清单', file: '文件', size: '字节', noFormat: '请至少选择一种格式',
    fmt: { json: 'JSON (galley.issue-export/1)', nitf: 'NITF 3.6', newsml: 'NewsML-G2', csv: 'CSV', markdown: 'Markdown', txt: '纯文本' },
  },
  vocab: {
    open: '主题词表', title: '主题词表', type: { subject: '主题', person: '人物', place: '地点', organisation: '机构' },
    typeLabel: '类别', path: '路径', pathHint: '上级/下级', label: '名称', aliases: '别名', aliasesHint: '别名|别名',
    add: '添加主题词', edit: '编辑', remove: '删除', importCsv: '导入 CSV…', exportCsv: '导出 CSV', replace: '替换整个词表',
    imported: '已导入：新增 {{added}}，更新 {{updated}}，删除 {{removed}}。', line: '第 {{line}} 行：{{message}}',
    empty: '词表是空的。', removeConfirm: '删除 {{label}}？',
  },
  history: {
    page: '历史', titlePage: '第 {{n}} 版的历史', titleItem: '第 {{n}} 条的历史', none: '还没有修订记录。',
    restore: '恢复此版本', restored: '已恢复为第 {{revision}} 次修订。', noDiff: '文字没有变化。', revision: '第 {{n}} 次修订',
    action: { import: '导入', reimport: '重新导入', save: '编辑', tag: '标签', state: '状态', restore: '恢复', approve: '审核通过', reopen: '重新打开', export: '导出' },
    unknownRole: '无档案',
    summary: {
      imported_one: '导入（{{count}} 条）', imported_other: '导入（{{count}} 条）',
      reimported_one: '重新导入（{{count}} 条）', reimported_other: '重新导入（{{count}} 条）',
      state: '状态：{{from}} → {{to}}', tags: '标签：{{changes}}', tagsOfItem: '第 {{item}} 条的标签：{{changes}}', tagsNone: '条目的标签',
      sep: '；', listSep: '，', restored: '恢复第 {{revision}} 次修订',
      saved_one: '已保存：{{count}} 条有修改', saved_other: '已保存：{{count}} 条有修改',
      savedText_one: '已保存：文字及 {{count}} 条有修改', savedText_other: '已保存：文字及 {{count}} 条有修改',
      savedRemoved_one: '，删除 {{count}} 条', savedRemoved_other: '，删除 {{count}} 条',
      itemImported: '导入', itemCreated: '新建', itemRemoved: '删除',
    },
    field: { tags: '标签', state: '状态', new: '新', colon: '：' },
  },
};

export const STRINGS: Record<Language, Strings> = { en, 'zh-CN': zh };
export type { Strings };

/** The language to use for a system locale such as "zh-CN", "zh-Hans-SG" or "en-US". */
export function languageForLocale(locale: string | undefined | null): Language {
  return locale && /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}
