/** The detector registry and the merge/rank step. Order here is the order alerts tie-break in. */
import type { Alert, Detector, DetectorInput } from './detector.js';
import { accessStorm } from './detectors/access-storm.detector.js';
import { bulkAccess } from './detectors/bulk-access.detector.js';
import { concurrentSessions } from './detectors/concurrent-sessions.detector.js';
import { controlledCreateDelete } from './detectors/controlled-create-delete.detector.js';
import { coworkerAccess } from './detectors/coworker-access.detector.js';
import { deceasedPatient } from './detectors/deceased-patient.detector.js';
import { demographicsOnly } from './detectors/demographics-only.detector.js';
import { familyAccess } from './detectors/family-access.detector.js';
import { firstAccessNameSearch } from './detectors/first-access-name-search.detector.js';
import { idleSessionResume } from './detectors/idle-session-resume.detector.js';
import { neighbourAccess } from './detectors/neighbour-access.detector.js';
import { offShift } from './detectors/off-shift.detector.js';
import { rxWithoutEncounter } from './detectors/rx-without-encounter.detector.js';
import { selfAccess } from './detectors/self-access.detector.js';
import { selfFamilyRx } from './detectors/self-family-rx.detector.js';
import { staleRelationship } from './detectors/stale-relationship.detector.js';
import { terminatedAccount } from './detectors/terminated-account.detector.js';
import { vipAccess } from './detectors/vip-access.detector.js';

export const DETECTORS: readonly Detector[] = [
  selfAccess,
  familyAccess,
  coworkerAccess,
  neighbourAccess,
  vipAccess,
  accessStorm,
  staleRelationship,
  deceasedPatient,
  firstAccessNameSearch,
  demographicsOnly,
  concurrentSessions,
  offShift,
  idleSessionResume,
  terminatedAccount,
  selfFamilyRx,
  rxWithoutEncounter,
  controlledCreateDelete,
  bulkAccess,
];

const MULTI_INCIDENT_MIN = 3;

/**
 * E2: a user with alerts about several patients or several rules in the period is one case to
 * review as a whole (serial snooping); the case alert leads their individual alerts.
 */
function userCases(alerts: readonly Alert[]): Alert[] {
  const byUser = new Map<string, Alert[]>();
  for (const a of alerts) {
    if (a.rule === 'curiosity_storm') continue;
    const list = byUser.get(a.userId) ?? [];
    list.push(a);
    byUser.set(a.userId, list);
  }
  const out: Alert[] = [];
  for (const [userId, list] of byUser) {
    const patients = new Set(list.map((a) => a.patientId).filter(Boolean));
    if (list.length < MULTI_INCIDENT_MIN || patients.size < 2) continue;
    const rules = [...new Set(list.map((a) => a.rule))];
    out.push({
      rule: 'multi_incident_user',
      userId,
      patientId: null,
      firstAt: Math.min(...list.map((a) => a.firstAt)),
      lastAt: Math.max(...list.map((a) => a.lastAt)),
      score: Math.min(100, Math.max(...list.map((a) => a.score)) + 5),
      eventIds: [...new Set(list.flatMap((a) => a.eventIds))].slice(0, 200),
      reason: `同じ職員に${list.length}件の検知（患者${patients.size}人、${rules.length}種類のルール）：まとめて確認してください`,
    });
  }
  return out;
}

/** Runs detectors; a user+patient pair seen by several rules scores higher (corroboration). */
export function alertsOfDetectors(detectors: readonly Detector[], input: DetectorInput): Alert[] {
  const alerts = detectors.flatMap((d) => d.run(input));
  const rulesPerPair = new Map<string, number>();
  for (const a of alerts) if (a.patientId) rulesPerPair.set(`${a.userId}|${a.patientId}`, (rulesPerPair.get(`${a.userId}|${a.patientId}`) ?? 0) + 1);
  for (const a of alerts) {
    const n = a.patientId ? (rulesPerPair.get(`${a.userId}|${a.patientId}`) ?? 1) : 1;
    if (n > 1) a.score = Math.min(100, a.score + 5 * (n - 1));
  }
  alerts.push(...userCases(alerts));
  return alerts.sort((a, b) => b.score - a.score || a.firstAt - b.firstAt || a.userId.localeCompare(b.userId));
}
