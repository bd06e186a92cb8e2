import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Electron's default menu offers Toggle Developer Tools and Reload, which have no place in
 * an app holding case files about children: in a packaged build the menu has neither (and the window's
 * webPreferences set devTools: false, so the shortcut cannot open them either). In development both remain.
 * A pure function over plain objects, so a test can walk every item.
 */
export function applicationMenuTemplate(o: { isPackaged: boolean; platform: NodeJS.Platform; appName: string }): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const menu: MenuItemConstructorOptions[] = [];
  if (mac) {
    menu.push({
      label: o.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  menu.push({ label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] });
  menu.push({
    label: 'Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'pasteAndMatchStyle' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }],
  });
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  if (!o.isPackaged) view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  menu.push({ label: 'View', submenu: view });
  menu.push({ label: 'Window', submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] });
  return menu;
}
