using QrAspire.LoadTests;

// Ctrl+C stops the schedule; requests already sent are awaited and the reports still written.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return await LoadTestApp.RunAsync(args, Console.Out, stop.Token);
