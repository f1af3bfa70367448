// CRI errors travel as gRPC statuses; kubelet and crictl print them as `rpc error: code = X desc = Y`.

export type GrpcCode =
  | "OK"
  | "Canceled"
  | "Unknown"
  | "InvalidArgument"
  | "DeadlineExceeded"
  | "NotFound"
  | "AlreadyExists"
  | "PermissionDenied"
  | "ResourceExhausted"
  | "FailedPrecondition"
  | "Aborted"
  | "OutOfRange"
  | "Unimplemented"
  | "Internal"
  | "Unavailable"
  | "DataLoss"
  | "Unauthenticated";

/** Numeric gRPC codes, for the wire (RemoteRuntime) and the JSON the backend speaks. */
export const GRPC_CODE_NUMBERS: Record<GrpcCode, number> = {
  OK: 0,
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
};

export class CriError extends Error {
  readonly code: GrpcCode;
  readonly desc: string;

  constructor(code: GrpcCode, desc: string) {
    super(`rpc error: code = ${code} desc = ${desc}`);
    this.name = "CriError";
    this.code = code;
    this.desc = desc;
  }
}

export function isCriError(e: unknown): e is CriError {
  return e instanceof CriError;
}

/** The error text a caller prints for any thrown value. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
