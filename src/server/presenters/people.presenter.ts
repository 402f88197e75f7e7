import type { CampaignView, PersonView, ReachabilityView, RecipientView } from '../../contracts/incidents.js';
import type { CampaignRow, MeasureRow, PersonRow, RecipientRow } from '../../db/repositories/people.repository.js';

function list(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function presentPerson(p: PersonRow): PersonView {
  return {
    id: p.id,
    population: p.population,
    name: p.name,
    nameKana: p.name_kana,
    birthDate: p.birth_date,
    patientId: p.patient_id,
    postalCode: p.postal_code,
    address: p.address,
    phone: p.phone,
    email: p.email,
    items: list(p.items),
    sources: list(p.sources),
  };
}

export function presentCampaign(c: CampaignRow, counts: Record<string, number>): CampaignView {
  return { id: c.id, name: c.name, channel: c.channel, createdAt: c.created_at, counts };
}

export function presentRecipient(r: RecipientRow & { person_name: string; person_patient_id: string; person_address: string }): RecipientView {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.person_name,
    patientId: r.person_patient_id,
    address: r.person_address,
    status: r.status,
    attempts: Number(r.attempts),
    lastAttemptAt: r.last_attempt_at,
    note: r.note,
  };
}

export function presentReachability(r: { people: number; unreachable: number; alternativeNeeded: boolean; measures: MeasureRow[] }): ReachabilityView {
  return {
    people: r.people,
    unreachable: r.unreachable,
    alternativeNeeded: r.alternativeNeeded,
    measures: r.measures.map((m) => ({ id: m.id, kind: m.kind, description: m.description, peopleCount: Number(m.people_count), createdAt: m.created_at })),
  };
}
