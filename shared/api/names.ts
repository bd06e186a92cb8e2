// The API names without the schemas, for the sandboxed preload (which should not bundle zod).
// A unit test checks this list against the contract.
export const API_CHANNEL_PREFIX = 'cw:';
export const EVENT_CHANNEL = 'cw-event';
export const API_NAME_LIST = [
  'app.status',
  'store.choosePath',
  'store.create',
  'store.open',
  'store.openRemembered',
  'store.forget',
  'store.lock',
  'store.changePassphrase',
  'store.verify',
  'session.touch',
  'settings.get',
  'settings.update',
  'cases.list',
  'cases.get',
  'cases.create',
  'cases.update',
  'cases.addDemo',
  'cases.importJson',
  'cases.exportJson',
  'cases.exportFile',
  'cases.recordExtension',
  'cases.setLateReason',
  'cases.audit',
  'cases.deadlines',
  'dashboard.deadlines',
  'calendar.exportIcs',
] as const;
