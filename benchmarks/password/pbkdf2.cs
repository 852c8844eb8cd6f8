// The CPU one password check costs the Redirector: `dotnet run -c Release benchmarks/password/pbkdf2.cs`.
// CPU time, not wall time, so that a busy machine does not inflate it (docs/redirector.md#passwords).
using System.Diagnostics;
using System.Security.Cryptography;
var salt = RandomNumberGenerator.GetBytes(16);
Rfc2898DeriveBytes.Pbkdf2("warmup"u8, salt, 1000, HashAlgorithmName.SHA256, 32);
var p = Process.GetCurrentProcess();
p.Refresh(); var cpu0 = p.TotalProcessorTime; var t0 = Stopwatch.GetTimestamp();
const int N = 20;
for (var i = 0; i < N; i++) Rfc2898DeriveBytes.Pbkdf2("correct horse"u8, salt, 100_000, HashAlgorithmName.SHA256, 32);
p.Refresh();
Console.WriteLine($"PBKDF2-SHA256 100000 iterations x{N}: CPU {(p.TotalProcessorTime - cpu0).TotalMilliseconds / N:F1} ms per check, wall {Stopwatch.GetElapsedTime(t0).TotalMilliseconds / N:F1} ms per check");
