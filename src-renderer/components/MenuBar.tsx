// The in-app menu bar, which shows each command's shortcut beside it: File and Sync,
// built on the WAI-ARIA menubar pattern so it works from the keyboard alone (arrows
// move, Enter or Space opens and activates, Escape closes and gives focus back). The
// browser host has no native menu, and Electron's own menu may be hidden on Windows and
// Linux, so the window always carries this one.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'

interface MenuItem {
  label: string
  /** Shown beside the label and in the tooltip, e.g. Ctrl+N. */
  shortcut?: string
  /** For aria-keyshortcuts, e.g. Control+N. */
  keyShortcut?: string
  onSelect(): void
}

export interface Menu {
  label: string
  items: MenuItem[]
}

export function MenuBar({ menus }: { menus: Menu[] }) {
  const [open, setOpen] = useState<number | null>(null)
  const [active, setActive] = useState(0)
  const barRef = useRef<HTMLUListElement>(null)
  const topRefs = useRef<Array<HTMLButtonElement | null>>([])
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([])

  useEffect(() => {
    if (open === null) return
    itemRefs.current[active]?.focus()
  }, [open, active])

  useEffect(() => {
    if (open === null) return
    const onPointer = (e: PointerEvent) => {
      if (!barRef.current?.contains(e.target as Node)) setOpen(null)
    }
    window.addEventListener('pointerdown', onPointer)
    return () => window.removeEventListener('pointerdown', onPointer)
  }, [open])

  const openMenu = (index: number, item = 0) => {
    setOpen(index)
    setActive(item)
  }
  const close = (focusTop: boolean) => {
    const index = open
    setOpen(null)
    if (focusTop && index !== null) topRefs.current[index]?.focus()
  }
  const select = (item: MenuItem) => {
    close(false)
    item.onSelect()
  }

  const onTopKey = (index: number) => (e: KeyboardEvent) => {
    const count = menus.length
    if (e.key === 'ArrowRight') topRefs.current[(index + 1) % count]?.focus()
    else if (e.key === 'ArrowLeft') topRefs.current[(index - 1 + count) % count]?.focus()
    else if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') openMenu(index)
    else if (e.key === 'ArrowUp') openMenu(index, (menus[index]?.items.length ?? 1) - 1)
    else return
    e.preventDefault()
  }

  const onItemKey = (index: number, items: MenuItem[]) => (e: KeyboardEvent) => {
    const count = menus.length
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % items.length)
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + items.length) % items.length)
    else if (e.key === 'Home') setActive(0)
    else if (e.key === 'End') setActive(items.length - 1)
    else if (e.key === 'Escape') close(true)
    else if (e.key === 'ArrowRight') openMenu((index + 1) % count)
    else if (e.key === 'ArrowLeft') openMenu((index - 1 + count) % count)
    else if (e.key === 'Tab') {
      setOpen(null)
      return
    } else return
    e.preventDefault()
  }

  return (
    <nav aria-label="Main menu" className="menubar-nav">
      <ul role="menubar" className="menubar" ref={barRef} aria-label="Main menu">
        {menus.map((menu, index) => (
          <li key={menu.label} role="none" className="menubar-entry">
            <button
              type="button"
              role="menuitem"
              aria-haspopup="menu"
              aria-expanded={open === index}
              className="menubar-top"
              ref={(el) => {
                topRefs.current[index] = el
              }}
              tabIndex={index === 0 ? 0 : -1}
              onClick={() => (open === index ? close(false) : openMenu(index))}
              onKeyDown={onTopKey(index)}
              onPointerEnter={() => {
                if (open !== null && open !== index) openMenu(index)
              }}
            >
              {menu.label}
            </button>
            {open === index && (
              <ul role="menu" aria-label={menu.label} className="menu-popup">
                {menu.items.map((item, i) => (
                  <li key={item.label} role="none">
                    <button
                      type="button"
                      role="menuitem"
                      className="menu-item"
                      tabIndex={-1}
                      ref={(el) => {
                        itemRefs.current[i] = el
                      }}
                      aria-keyshortcuts={item.keyShortcut}
                      title={item.shortcut ? `${item.label} (${item.shortcut})` : item.label}
                      onClick={() => select(item)}
                      onKeyDown={onItemKey(index, menu.items)}
                      onPointerEnter={() => setActive(i)}
                    >
                      <span>{item.label}</span>
                      {item.shortcut && <kbd>{item.shortcut}</kbd>}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </nav>
  )
}
