// Strings of accounts (issue 13 §2): the team server's login screen, the password asked again
// for approve, reopen, export and user management, and the refusals the host words by reason.
// Merged into shared/i18n.ts as `accounts`; zh-CN uses full-width punctuation.

export const accountsEn = {
  login: {
    title: 'Log in to Galley',
    intro: 'This archive is shared by a team. Log in with your name and password.',
    name: 'Name',
    password: 'Password',
    submit: 'Log in',
    busy: 'Logging in…',
    language: 'Language',
    expired: 'Your session has ended. Log in again to continue; your unsaved edits are kept in this tab.',
    signedIn: 'Logged in as {{name}}',
    logout: 'Log out',
    failed: 'The login could not be checked. Try again.',
  },
  confirm: {
    title: 'Confirm with your password',
    intro: '{{action}} needs your password again.',
    password: 'Password',
    submit: 'Confirm',
    cancel: 'Cancel',
    action: {
      'issues.approve': 'Approving an issue',
      'issues.reopen': 'Reopening an issue',
      'issues.export': 'Exporting an issue',
      'session.selectProfile': 'Switching to this profile',
      'profiles.create': 'Adding a profile',
      'profiles.update': 'Changing a profile',
      'profiles.remove': 'Removing a profile',
    },
  },
  err: {
    wrongCredentials: 'Wrong name or password.',
    loginRequired: 'Log in first.',
    rateLimited: 'Too many wrong passwords. Try again in {{retryAfterSeconds}} seconds.',
    accountDisabled: '{{name}} is disabled and cannot log in.',
    passwordRequired: 'This needs the password of {{name}}.',
    wrongPassword: 'Wrong password for {{name}}.',
    passwordNotSet:
      'Supervisors of this archive use passwords, and {{name}} has none yet. Ask a supervisor to set one (galley users passwd {{name}}).',
    loggedIn: 'You are logged in as one user; log out to work as another.',
  },
};

export const accountsZh: typeof accountsEn = {
  login: {
    title: '登录 Galley 校对',
    intro: '此档案由团队共用。请用您的用户名和密码登录。',
    name: '用户名',
    password: '密码',
    submit: '登录',
    busy: '正在登录……',
    language: '语言',
    expired: '您的会话已结束。请重新登录后继续；未保存的修改仍保留在此标签页中。',
    signedIn: '已登录：{{name}}',
    logout: '退出登录',
    failed: '无法验证登录，请重试。',
  },
  confirm: {
    title: '请输入密码确认',
    intro: '{{action}}需要再次输入您的密码。',
    password: '密码',
    submit: '确认',
    cancel: '取消',
    action: {
      'issues.approve': '批准本期',
      'issues.reopen': '重新打开本期',
      'issues.export': '导出本期',
      'session.selectProfile': '切换到此身份',
      'profiles.create': '添加身份',
      'profiles.update': '修改身份',
      'profiles.remove': '删除身份',
    },
  },
  err: {
    wrongCredentials: '用户名或密码错误。',
    loginRequired: '请先登录。',
    rateLimited: '密码错误次数过多，请在 {{retryAfterSeconds}} 秒后重试。',
    accountDisabled: '{{name}} 已被停用，无法登录。',
    passwordRequired: '此操作需要 {{name}} 的密码。',
    wrongPassword: '{{name}} 的密码错误。',
    passwordNotSet: '此档案的主管都使用密码，而 {{name}} 尚未设置密码。请让一位主管为其设置（galley users passwd {{name}}）。',
    loggedIn: '您已作为一位用户登录；如需以其他身份工作，请先退出登录。',
  },
};
