using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace QrAspire.ServiceDefaults.Logging;

/// <summary>
/// One JSON object a line with the fields of docs/operations/monitoring.md#logs: <c>timestamp</c>, <c>level</c>,
/// <c>event</c>, <c>request_id</c>, then the message, category, trace ids and every structured value of the message and its scopes
/// (so <c>qr_id</c>, <c>user_id</c>, <c>duration_ms</c> come out under their own names).
/// </summary>
public sealed class JsonLogFormatter() : ConsoleFormatter(FormatterName)
{
    /// <summary>The name this formatter is registered under.</summary>
    public const string FormatterName = "qraspire-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    /// <inheritdoc />
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEntry.LogLevel));
            json.WriteString("event", string.IsNullOrEmpty(logEntry.EventId.Name) ? "log" : logEntry.EventId.Name);
            WriteRequestId(json, scopeProvider);
            json.WriteString("message", message);
            json.WriteString("category", logEntry.Category);
            if (Activity.Current is { } activity)
            {
                json.WriteString("trace_id", activity.TraceId.ToHexString());
                json.WriteString("span_id", activity.SpanId.ToHexString());
            }

            if (logEntry.State is IEnumerable<KeyValuePair<string, object?>> values)
            {
                WriteValues(json, values);
            }

            scopeProvider?.ForEachScope(static (scope, writer) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    WriteValues(writer, values);
                }
            }, json);

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", exception.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteRequestId(Utf8JsonWriter json, IExternalScopeProvider? scopeProvider)
    {
        var requestId = new StrongBox<string?>();
        scopeProvider?.ForEachScope(static (scope, found) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    if (key == "RequestId" && value is not null)
                    {
                        found.Value = value.ToString();
                    }
                }
            }
        }, requestId);
        if (requestId.Value is not null)
        {
            json.WriteString("request_id", requestId.Value);
        }
    }

    private static void WriteValues(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key is "{OriginalFormat}" or "RequestId" || key.Length == 0)
            {
                continue;
            }

            switch (value)
            {
                case null: json.WriteNull(key); break;
                case bool b: json.WriteBoolean(key, b); break;
                case int i: json.WriteNumber(key, i); break;
                case long l: json.WriteNumber(key, l); break;
                case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
                case decimal m: json.WriteNumber(key, m); break;
                case IFormattable formattable: json.WriteString(key, formattable.ToString(null, CultureInfo.InvariantCulture)); break;
                default: json.WriteString(key, value.ToString()); break;
            }
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
