using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using QrAspire.Web.Sessions;

namespace QrAspire.Web.Api;

/// <summary>
/// The console's only way to the Api: its public REST endpoints with the signed-in user's access token, refreshed
/// (once, under the session's lock) when it is about to expire or the Api answers 401. Pages use it through the
/// typed clients of each area (<see cref="QrCodesClient"/>, <see cref="AccountsClient"/>, …).
/// </summary>
public sealed class ApiClient(HttpClient http, SessionStore sessions, CurrentUser user, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = ContractsJson.Options;

    /// <summary>GETs JSON.</summary>
    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken ct = default) =>
        ReadAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, path), ct);

    /// <summary>Sends JSON with <paramref name="method"/> and reads JSON back.</summary>
    public Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object body, CancellationToken ct = default) =>
        ReadAsync<T>(() => new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) }, ct);

    /// <summary>Sends a request without a body (an action such as verify) and reads JSON back.</summary>
    public Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, CancellationToken ct = default) =>
        ReadAsync<T>(() => new HttpRequestMessage(method, path), ct);

    /// <summary>Sends a request that answers no body (e.g. DELETE → 204).</summary>
    public async Task<ApiResult<bool>> SendWithoutBodyAsync(HttpMethod method, string path, CancellationToken ct = default)
    {
        using var response = await SendAuthorizedAsync(() => new HttpRequestMessage(method, path), ct);
        return response.IsSuccessStatusCode ? new ApiResult<bool>(true, null) : new ApiResult<bool>(false, await ErrorOf(response, ct));
    }

    /// <summary>Uploads one file as the multipart part <c>file</c> (plus <paramref name="fields"/>), reading JSON back.</summary>
    public Task<ApiResult<T>> UploadAsync<T>(string path, byte[] file, string fileName, string contentType, IReadOnlyDictionary<string, string>? fields = null, CancellationToken ct = default) =>
        ReadAsync<T>(() =>
        {
            var content = new MultipartFormDataContent();
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            content.Add(part, "file", fileName);
            foreach (var (name, value) in fields ?? new Dictionary<string, string>())
            {
                content.Add(new StringContent(value), name);
            }

            return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        }, ct);

    /// <summary>POSTs JSON and reads back bytes (a rendered image) with their media type.</summary>
    public async Task<ApiResult<(byte[] Bytes, string ContentType)>> SendForBytesAsync(string path, object body, CancellationToken ct)
    {
        using var response = await SendAuthorizedAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) }, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ErrorOf(response, ct));
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        return new((bytes, response.Content.Headers.ContentType?.MediaType ?? "image/png"), null);
    }

    /// <summary>A GET whose answer is streamed on as it is (downloads); the caller disposes it.</summary>
    public Task<HttpResponseMessage> GetRawAsync(string pathAndQuery, CancellationToken ct) =>
        SendAuthorizedAsync(() => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), ct, HttpCompletionOption.ResponseHeadersRead);

    /// <summary>POSTs JSON without a token (the endpoints used before a session exists) and reads JSON back.</summary>
    public async Task<ApiResult<T>> SendAnonymousAsync<T>(string path, object body, CancellationToken ct)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) },
            null, HttpCompletionOption.ResponseContentRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ErrorOf(response, ct));
        }

        // 202/204 carry nothing the console needs; bool results just say "done".
        if (typeof(T) == typeof(bool))
        {
            return new((T)(object)true, null);
        }

        return new(await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
    }

    private async Task<ApiResult<T>> ReadAsync<T>(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        using var response = await SendAuthorizedAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ErrorOf(response, ct));
        }

        var value = await response.Content.ReadFromJsonAsync<T>(Json, ct);
        return new(value, null);
    }

    private async Task<HttpResponseMessage> SendAuthorizedAsync(Func<HttpRequestMessage> build, CancellationToken ct, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var session = await sessions.FindAsync(await user.SessionIdAsync()) ?? throw new SessionExpiredException();
        if (session.AccessTokenExpiring(clock.GetUtcNow()))
        {
            session = await RefreshAsync(session, ct);
        }

        var response = await SendAsync(build, session.AccessToken, completion, ct, session.WorkspaceId);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return await CheckMembershipAsync(session, response, ct);
        }

        // The access token was refused before its time (the Api's key changed, or it restarted): refresh once.
        response.Dispose();
        session = await RefreshAsync(session, ct, force: true);
        response = await SendAsync(build, session.AccessToken, completion, ct, session.WorkspaceId);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            await sessions.RemoveAsync(session.Id);
            throw new SessionExpiredException();
        }

        return await CheckMembershipAsync(session, response, ct);
    }

    // A member removed from the workspace the console acts in: back to the personal workspace at once, with a
    // notice, instead of every page showing "not a member" until they switch by hand.
    private async Task<HttpResponseMessage> CheckMembershipAsync(ConsoleSession session, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden || session.WorkspaceId is null)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(ct);
        if (!(await ErrorOf(response, ct)).Has("not_a_member"))
        {
            return response;
        }

        response.Dispose();
        var current = await sessions.FindAsync(session.Id) ?? session;
        var notice = current.WorkspaceName is { Length: > 0 } name ? $"You are no longer a member of {name}." : "You are no longer a member of that workspace.";
        await sessions.UpdateAsync(current with { WorkspaceId = null, WorkspaceName = null, Notice = notice });
        throw new WorkspaceMembershipEndedException(notice);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, string? accessToken, HttpCompletionOption completion, CancellationToken ct, string? workspaceId = null)
    {
        using var request = build();
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        if (workspaceId is not null)
        {
            request.Headers.TryAddWithoutValidation(WorkspaceHeader.Name, workspaceId);
        }

        if (user.ForwardedFor() is { } forwardedFor)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException exception)
        {
            throw new ApiUnavailableException("The Api could not be reached.", exception);
        }
        catch (TaskCanceledException exception) when (!ct.IsCancellationRequested)
        {
            throw new ApiUnavailableException("The Api did not answer in time.", exception);
        }
        catch (Polly.Timeout.TimeoutRejectedException exception)
        {
            throw new ApiUnavailableException("The Api did not answer in time.", exception);
        }

        if ((int)response.StatusCode >= 500)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new ApiUnavailableException($"The Api answered {status}.");
        }

        return response;
    }

    private async Task<ConsoleSession> RefreshAsync(ConsoleSession session, CancellationToken ct, bool force = false)
    {
        var gate = sessions.RefreshLock(session.Id);
        await gate.WaitAsync(ct);
        try
        {
            // Another request may have refreshed while this one waited: use its tokens.
            var current = await sessions.FindAsync(session.Id) ?? throw new SessionExpiredException();
            if (current.AccessToken != session.AccessToken || (!force && !current.AccessTokenExpiring(clock.GetUtcNow())))
            {
                return current;
            }

            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Path(ApiRoutes.Refresh))
            {
                Content = JsonContent.Create(new RefreshRequest(current.RefreshToken), options: Json),
            }, null, HttpCompletionOption.ResponseContentRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                await sessions.RemoveAsync(current.Id);
                throw new SessionExpiredException();
            }

            var tokens = await response.Content.ReadFromJsonAsync<TokenPair>(Json, ct) ?? throw new SessionExpiredException();
            var refreshed = current with
            {
                AccessToken = tokens.AccessToken,
                AccessTokenExpiresAt = clock.GetUtcNow().AddSeconds(tokens.ExpiresIn),
                RefreshToken = tokens.RefreshToken,
            };
            await sessions.UpdateAsync(refreshed);
            return refreshed;
        }
        finally
        {
            gate.Release();
        }
    }

    private static async Task<ApiError> ErrorOf(HttpResponseMessage response, CancellationToken ct) =>
        ApiError.Parse((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
}
