import type { Departments } from './types';
import { useLoad } from './use-load';
import { useCan } from '../session/session-context';

/** Intake's department registry, loaded where the user's roles may read it (`departments:read`). */
export function useDepartments(): { list: Departments['departments']; nameOf(departmentId: string): string } {
  const can = useCan();
  const registry = useLoad(async (client) => (can('departments:read') ? client.get<Departments>('/intake/departments') : undefined), []);
  const list = registry.data?.departments ?? [];
  // Where the registry does not name a department, or may not be read, the id is all there is to show.
  const nameOf = (departmentId: string) => list.find((department) => department.departmentId === departmentId)?.name ?? departmentId;
  return { list, nameOf };
}
