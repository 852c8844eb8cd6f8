using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QrAspire.QrEngine.Contents;

/// <summary>
/// A calendar event as an iCalendar object (RFC 5545) holding one <c>VEVENT</c>. Times are written in UTC.
/// For determinism the <c>UID</c> is derived from a hash of the event's content and <c>DTSTAMP</c> equals
/// <c>DTSTART</c>, so the same event always gives the same text. Text values are escaped and lines folded at 75 octets.
/// </summary>
/// <param name="Summary">The event title.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends; must be after <paramref name="Start"/>.</param>
/// <param name="Location">Optional location.</param>
/// <param name="Description">Optional description; line breaks allowed.</param>
/// <param name="AllDay">True for an all-day event: only the dates (in the given offsets) are used and <paramref name="End"/>'s date is inclusive.</param>
public sealed record CalendarEventQrContent(
    string Summary,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Location = null,
    string? Description = null,
    bool AllDay = false) : IQrContent
{
    /// <inheritdoc />
    public string ToQrText()
    {
        var summary = ContentGuard.Required(Summary, "content.summary", 255);
        var location = ContentGuard.Optional(Location, "content.location", 255);
        var description = ContentGuard.Optional(Description, "content.description", 1000, allowLineBreaks: true);

        string start;
        string end;
        if (AllDay)
        {
            var startDate = DateOnly.FromDateTime(Start.DateTime);
            var endDate = DateOnly.FromDateTime(End.DateTime);
            if (endDate < startDate)
            {
                throw new QrEngineException(QrErrorCodes.InvalidContent, "content.end", "'content.end' must not be before 'content.start'.");
            }

            // DTEND of an all-day event is exclusive.
            start = "DTSTART;VALUE=DATE:" + startDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            end = "DTEND;VALUE=DATE:" + endDate.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        }
        else
        {
            if (End <= Start)
            {
                throw new QrEngineException(QrErrorCodes.InvalidContent, "content.end", "'content.end' must be after 'content.start'.");
            }

            start = "DTSTART:" + UtcStamp(Start);
            end = "DTEND:" + UtcStamp(End);
        }

        var lines = new List<string> { start, end, "SUMMARY:" + ContentLines.EscapeText(summary) };
        if (location is not null)
        {
            lines.Add("LOCATION:" + ContentLines.EscapeText(location));
        }

        if (description is not null)
        {
            lines.Add("DESCRIPTION:" + ContentLines.EscapeText(description));
        }

        var calendar = new StringBuilder(256);
        ContentLines.AppendFolded(calendar, "BEGIN:VCALENDAR");
        ContentLines.AppendFolded(calendar, "VERSION:2.0");
        ContentLines.AppendFolded(calendar, "PRODID:-//QrAspire//QR Engine//EN");
        ContentLines.AppendFolded(calendar, "BEGIN:VEVENT");
        ContentLines.AppendFolded(calendar, "UID:" + ContentUid(lines) + "@qraspire");
        ContentLines.AppendFolded(calendar, "DTSTAMP:" + UtcStamp(Start));
        foreach (var line in lines)
        {
            ContentLines.AppendFolded(calendar, line);
        }

        ContentLines.AppendFolded(calendar, "END:VEVENT");
        ContentLines.AppendFolded(calendar, "END:VCALENDAR");
        return calendar.ToString();
    }

    private static string UtcStamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string ContentUid(List<string> lines)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
