/** Who did something, as recorded in the audit trail. */
export interface Actor {
  /** User id, or null for the system, the CLI or an anonymous caller. */
  id: string | null;
  /** Login name, `cli:<os user>`, `system` or `anonymous`. */
  name: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', ip: null };
