using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace QrAspire.ServiceDefaults.Logging;

internal static class LoggingExtensions
{
    internal static void AddJsonConsoleLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.FormatterName = JsonLogFormatter.FormatterName);
        builder.Services.AddSingleton<ConsoleFormatter, JsonLogFormatter>();
    }
}
