// Every user-visible string of the workspace and the Electron menu, in English and Simplified Chinese.
import type { Language } from './ipc.ts';

const en = {
  app: { name: 'Galley', hostBrowser: 'Browser host', hostElectron: 'Desktop' },
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
  error: { generic: 'Something went wrong: {{message}}', conflict: 'The page changed elsewhere; reloaded.' },
};

type Strings = typeof en;

const zh: Strings = {
  app: { name: 'Galley 校对', hostBrowser: '浏览器模式', hostElectron: '桌面版' },
  menu: {
    file: '文件', import: '导入…', export: '导出…(仅限主管)', quit: '退出',
    edit: '编辑', undo: '撤销', redo: '重做', split: '在此拆分', merge: '与上一条合并',
    view: '视图', zoomIn: '放大', zoomOut: '缩小', zoomReset: '实际大小', language: '语言',
    help: '帮助', shortcuts: '键盘快捷键',
  },
  lang: { en: 'English', 'zh-CN': '简体中文', label: '语言' },
  library: {
    title: '资料库', empty: '还没有版面。把版面文件或文件夹拖到这里,或使用“导入”。',
    issue: '第 {{number}} 期', noNumber: '无期号', noDate: '无日期', progress: '已校对 {{done}}/{{total}} 版',
    page: '第 {{number}} 版', pageUnknown: '第 ? 版', items: '{{count}} 条',
  },
  state: { imported: '已导入', 'in-progress': '校对中', proofed: '已校对', approved: '已审核', exported: '已导出' },
  toolbar: {
    import: '导入…', undo: '撤销', redo: '重做', split: '拆分', merge: '合并', help: '快捷键',
    pageState: '版面状态', saved: '已保存', saving: '正在保存…', unsaved: '未保存', saveError: '保存失败:{{message}}',
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
    contributorsHint: '姓名 (角色), 姓名 (角色)', invalidContributors: '请按“姓名 (角色)”填写',
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
    done: '导入完成:导入 {{imported}},未变 {{unchanged}},跳过 {{skipped}},失败 {{failed}}', errors: '错误',
    close: '关闭', pick: '选择文件', busy: '已有导入正在进行。',
  },
  help: {
    title: '键盘快捷键', close: '关闭 (Esc)',
    split: '拆分:从光标所在行开始新条目', merge: '把本条并入上一条(光标在首行)',
    move: '把本条起点上移/下移一行', kind: '设置条目类型(1 报头 … 7 公告)',
    role: '把此行设为引题/主标题/副题/栏目/署名/图片说明',
    undo: '撤销', redo: '重做', focusLibrary: '转到资料库', focusEditor: '转到 OCR 原文', focusCards: '转到条目',
    nextPage: '下一版/上一版', help: '显示本帮助', language: '切换语言', proofed: '把版面标为已校对',
    field: '在字段中:Enter 保存,Esc 还原',
  },
  error: { generic: '出错了:{{message}}', conflict: '版面已在别处修改,已重新加载。' },
};

export const STRINGS: Record<Language, Strings> = { en, 'zh-CN': zh };
export type { Strings };

/** The language to use for a system locale such as "zh-CN", "zh-Hans-SG" or "en-US". */
export function languageForLocale(locale: string | undefined | null): Language {
  return locale && /^zh\b/i.test(locale) ? 'zh-CN' : 'en';
}
