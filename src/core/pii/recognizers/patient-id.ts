import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold } from '../text-context.js';

/** Hospital-specific patient ID format; every hospital numbers differently. */
export interface PatientIdOptions {
  /** Pattern of the ID itself (default: optional letter + 4–10 digits). */
  pattern?: string;
  labels?: readonly string[];
}

const DEFAULT_LABELS = ['患者ID', '患者番号', 'カルテ番号', 'カルテNo', '診察券番号', 'ID'];

/** 患者ID/カルテ番号: the configured pattern right after a label (患者ID: 0012345). */
export function patientIdRecognizer(options: PatientIdOptions = {}): Recognizer {
  const labels = (options.labels ?? DEFAULT_LABELS).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const id = options.pattern ?? '[A-Za-z]?\\d{4,10}';
  const re = new RegExp(`(?:${labels})\\s*(?:[:：.]|は)?\\s*(${id})(?![\\d])`, 'g');
  return {
    kind: 'patient_id',
    recognize(text) {
      const t = fold(text);
      const out: Finding[] = [];
      for (const m of t.matchAll(re)) {
        const value = m[1] ?? '';
        const start = m.index + m[0].length - value.length;
        out.push({ kind: 'patient_id', start, end: start + value.length, value: value.toUpperCase(), confidence: 'high', reason: 'label' });
      }
      return out;
    },
  };
}
