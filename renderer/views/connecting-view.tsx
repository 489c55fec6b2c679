// Shown until the first connection opens, so an empty screen never passes for zeros.
export function ConnectingView() {
  return (
    <div className="centered-page">
      <div className="card" role="status" data-testid="connecting">
        <span className="spinner" aria-hidden="true" />
        <p className="card-text">Connecting to the relay…</p>
      </div>
    </div>
  );
}
