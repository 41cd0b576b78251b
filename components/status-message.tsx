/** The outcome of the last action on a form: an alert for errors, a polite status otherwise. */
export interface Status {
  kind: 'error' | 'saved';
  text: string;
}

export function StatusMessage({ status }: { status: Status | null }) {
  if (!status) return null;
  return (
    <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'success'}>
      {status.text}
    </p>
  );
}
