using System.Net.Sockets;
using DnsClient;

namespace QrAspire.Api.Features.Domains;

/// <summary>
/// Looks a domain's challenge TXT record up through <c>DNS_SERVER</c>, or the system resolver when it is unset.
/// Nothing is cached here: a person who just created the record and presses "verify" must not be answered from a
/// lookup made before.
/// </summary>
internal sealed class DomainTxtLookup
{
    private readonly LookupClient _client;

    public DomainTxtLookup(DomainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.DnsServer is { } server ? new LookupClientOptions(new NameServer(server)) : new LookupClientOptions();
        options.UseCache = false;
        options.ThrowDnsErrors = false;
        options.ContinueOnDnsError = false;
        // One person waits for this answer: a dead resolver must not hold the request for long.
        options.Timeout = TimeSpan.FromSeconds(2);
        options.Retries = 1;
        _client = new LookupClient(options);
    }

    /// <summary>
    /// <see cref="DomainStates.Found"/> when a TXT record at <paramref name="recordName"/> holds
    /// <paramref name="expected"/>, <see cref="DomainStates.Mismatch"/> when records exist but none does,
    /// <see cref="DomainStates.Missing"/> when there are none; null when the resolver did not answer.
    /// </summary>
    public async Task<string?> CheckAsync(string recordName, string expected, CancellationToken ct)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(recordName, QueryType.TXT, QueryClass.IN, ct);
        }
        catch (Exception exception) when (exception is DnsResponseException or SocketException or TimeoutException)
        {
            return null;
        }

        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            return null;
        }

        // A long value arrives split into strings of up to 255 bytes: the record's value is their concatenation.
        var values = response.Answers.TxtRecords().Select(record => string.Concat(record.Text)).ToList();
        return values.Count == 0 ? DomainStates.Missing
            : values.Any(value => string.Equals(value.Trim(), expected, StringComparison.Ordinal)) ? DomainStates.Found
            : DomainStates.Mismatch;
    }
}
