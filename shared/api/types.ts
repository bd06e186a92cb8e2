import type { ClockView } from '../clock/caseClocks';

export interface AppStatus {
  version: string;
  storeOpen: boolean;
  storePath: string | null;
  /** Stores this device has opened, most recent first (paths only, never case data). */
  recentStores: { path: string; remembered: boolean }[];
  /** Whether "remember on this device" can be offered (the OS keychain is available). */
  rememberAvailable: boolean;
  ownerName: string | null;
}

export interface Settings {
  idleLockMinutes: number;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
}

export interface AuditView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
}

export interface DashboardRow {
  caseId: string;
  reference: string;
  council: string;
  childName: string;
  next: ClockView | null;
  overdueCount: number;
}
