using System.Runtime.InteropServices;
using Garnet;

// Arguments are Garnet's own (--port, --bind, --aof, --logdir, --checkpointdir, --recover …); the AppHost passes them.
using var server = new GarnetServer(args);
server.Start();

var stop = new TaskCompletionSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
Console.WriteLine("embedded redis (garnet) ready");
await stop.Task;
Console.WriteLine("embedded redis (garnet) stopping");

// Disposing the server (end of scope) commits the append-only file, so queued scans survive a restart.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}
