// Focus targets for the pane shortcuts (Ctrl+Shift+1/2/3), registered by the panes when they mount,
// and the editor's actions for the application menu.
export const focusTargets: {
  library?: () => void;
  editor?: () => void;
  cards?: () => void;
  editorAction?: (id: 'galley.split' | 'galley.merge' | 'galley.moveUp' | 'galley.moveDown') => void;
  /** Moves the cursor to a line (go-to-line). */
  gotoLine?: (line: number) => void;
} = {};
