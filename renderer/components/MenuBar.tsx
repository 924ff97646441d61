// The browser host's menu bar: the same menus and entries as the Electron menu, from the command
// registry. Keyboard: F10 (or Alt alone) focuses it, ←/→ move between menus, ↓/Enter open one,
// ↑/↓ move inside, Enter runs, Escape closes. In Electron the native menu is used instead.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MENU_LABEL, MENUS, keyLabel, menuEntries, type CommandId, type MenuId } from '../../shared/commands.ts';
import { isEnabled, runCommand, type CommandContext } from '../commands/handlers.ts';
import { useApp } from '../state/context.ts';

export function MenuBar({ ctx }: { ctx: CommandContext }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<MenuId | null>(null);
  const [active, setActive] = useState(0);
  const barRef = useRef<HTMLDivElement>(null);
  // Re-render when what decides "enabled" changes.
  // Whether there is a step to undo or redo, not how many: a split or a typed character does not re-render the menus.
  useApp((s) => `${s.session?.pageId}:${(s.session?.history.past.length ?? 0) > 0}:${(s.session?.history.future.length ?? 0) > 0}:${s.language}`);
  useApp((s) => s.who);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'F10' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        barRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (barRef.current && !barRef.current.contains(e.target as Node)) setOpen(null);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    barRef.current?.querySelectorAll<HTMLElement>(`[data-menu="${open}"] [role^="menuitem"]`)[active]?.focus();
  }, [open, active]);

  const topButtons = () => Array.from(barRef.current?.querySelectorAll<HTMLElement>(':scope > .menu > [role="menuitem"]') ?? []);
  const run = (id: CommandId) => {
    setOpen(null);
    runCommand(id, ctx);
  };
  const onTopKey = (menu: MenuId, e: KeyboardEvent) => {
    const i = MENUS.indexOf(menu);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = MENUS[(i + (e.key === 'ArrowRight' ? 1 : MENUS.length - 1)) % MENUS.length]!;
      if (open) {
        setOpen(next);
        setActive(0);
      } else topButtons()[MENUS.indexOf(next)]?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      setOpen(menu);
      setActive(0);
    } else if (e.key === 'Escape') {
      setOpen(null);
      (e.target as HTMLElement).blur();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const onItemKey = (menu: MenuId, count: number, e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % count);
    else if (e.key === 'ArrowUp') setActive((a) => (a + count - 1) % count);
    else if (e.key === 'Escape') {
      setOpen(null);
      topButtons()[MENUS.indexOf(menu)]?.focus();
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') return onTopKey(menu, e);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="menubar" role="menubar" aria-label={t('desk.menu.bar')} ref={barRef} data-testid="menubar">
      {MENUS.map((menu) => {
        const entries = menuEntries(menu, false);
        return (
          <div className="menu" key={menu} data-menu={menu}>
            <button
              role="menuitem"
              aria-haspopup="menu"
              aria-expanded={open === menu}
              data-testid={`menu-${menu}`}
              onClick={() => {
                setOpen(open === menu ? null : menu);
                setActive(0);
              }}
              onMouseEnter={() => open && open !== menu && setOpen(menu)}
              onKeyDown={(e) => onTopKey(menu, e)}
            >
              {t(MENU_LABEL[menu])}
            </button>
            {open === menu && (
              <ul className="menu-list" role="menu" aria-label={t(MENU_LABEL[menu])}>
                {entries.map((c, i) => {
                  const id = c.id as CommandId;
                  const enabled = isEnabled(id, ctx);
                  const checked = c.language ? ctx.store.getState().language === c.language : undefined;
                  return (
                    <li key={c.id} role="none" className={c.separatorBefore && i > 0 ? 'sep' : undefined}>
                      <button
                        role={checked === undefined ? 'menuitem' : 'menuitemradio'}
                        aria-checked={checked}
                        aria-disabled={!enabled || undefined}
                        className={enabled ? undefined : 'disabled'}
                        tabIndex={-1}
                        data-command={c.id}
                        onMouseEnter={() => setActive(i)}
                        onClick={() => enabled && run(id)}
                        onKeyDown={(e) => {
                          if ((e.key === 'Enter' || e.key === ' ') && enabled) {
                            e.preventDefault();
                            e.stopPropagation();
                            run(id);
                          } else onItemKey(menu, entries.length, e);
                        }}
                      >
                        <span className="menu-check">{checked ? '✓' : ''}</span>
                        <span className="menu-label">{t(c.label)}</span>
                        <span className="menu-keys">{c.keys[0] ? keyLabel(c.keys[0]) : ''}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
