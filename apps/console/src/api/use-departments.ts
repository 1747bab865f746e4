import type { Departments } from './types';
import { useLoad } from './use-load';
import { useCan } from '../session/session-context';

export interface DepartmentNames {
  /** The registry's departments; none before it answers, or for a user who may not read it. */
  list: Departments['departments'];
  /** A department's name; its id where the registry does not name it, or may not be read. */
  nameOf(departmentId: string): string;
  /** A table column of the rows' `departmentId` by name; a row without one shows `none`. */
  column(title: string, none?: string): { title: string; dataIndex: 'departmentId'; render(value?: string | null): string | undefined };
}

/** Intake's department registry, loaded where the user's roles may read it (`departments:read`). */
export function useDepartments(): DepartmentNames {
  const can = useCan();
  const registry = useLoad(async (client) => (can('departments:read') ? client.get<Departments>('/intake/departments') : undefined), []);
  const list = registry.data?.departments ?? [];
  const nameOf = (departmentId: string) => list.find((department) => department.departmentId === departmentId)?.name ?? departmentId;
  const column = (title: string, none?: string) => ({ title, dataIndex: 'departmentId' as const, render: (value?: string | null) => (value ? nameOf(value) : none) });
  return { list, nameOf, column };
}
