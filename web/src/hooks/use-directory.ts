import { useEffect, useState } from 'react';
import { api } from '../api.js';

export interface DirectoryEntry {
  id: string;
  displayName: string;
  role: string;
}

/** Active users, for owner and assignee pickers. */
export function useDirectory(): DirectoryEntry[] {
  const [users, setUsers] = useState<DirectoryEntry[]>([]);
  useEffect(() => {
    api<{ users: DirectoryEntry[] }>('GET', '/api/users/directory').then(
      (r) => setUsers(r.users),
      () => setUsers([]),
    );
  }, []);
  return users;
}
