/** An RFC 9457 problem detail, as every error of the API is answered. */
export interface ProblemDetail {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  constructor(readonly problem: ProblemDetail) {
    super(problem.detail ?? problem.title);
  }
}

/** The problem of a failed response; a body that is not one (a proxy's page) still yields its status. */
export async function problemOf(response: Response): Promise<ProblemDetail> {
  try {
    const body = (await response.json()) as Partial<ProblemDetail>;
    if (typeof body.title === 'string') return { ...body, title: body.title, status: body.status ?? response.status };
  } catch {
    // not JSON: fall through to the status line
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status };
}
