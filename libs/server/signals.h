#pragma once
// SIGTERM / SIGINT handling without async-signal-unsafe handlers: main() blocks the signals
// before starting any thread (threads inherit the mask), and later waits for one synchronously.

namespace meldpunt::server {

// Call first thing in main(), before any thread exists.
void BlockTerminationSignals();

// Blocks until SIGTERM or SIGINT arrives; returns the signal number.
int WaitForTerminationSignal();

}  // namespace meldpunt::server
