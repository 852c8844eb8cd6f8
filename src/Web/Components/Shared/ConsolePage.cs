using Microsoft.AspNetCore.Components;
using QrAspire.Web.Api;

namespace QrAspire.Web.Components.Shared;

/// <summary>
/// What every signed-in page does with the Api: an ended session goes to sign-in (and back here afterwards),
/// an unreachable Api shows a retry instead of a blank page.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    private Func<Task>? _retry;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>Why the last call failed to reach the Api, or null.</summary>
    protected string? Unavailable { get; private set; }

    /// <summary>True while a call is running.</summary>
    protected bool Busy { get; private set; }

    /// <summary>Runs an Api call with the console's handling of ended sessions and outages.</summary>
    protected async Task RunAsync(Func<Task> action)
    {
        Busy = true;
        try
        {
            await action();
            Unavailable = null;
            _retry = null;
        }
        catch (SessionExpiredException)
        {
            var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo("/signin?expired=1&returnUrl=" + Uri.EscapeDataString(here), forceLoad: true);
        }
        catch (WorkspaceMembershipEndedException)
        {
            // The session is back in the personal workspace; its codes, with the notice in the layout.
            Navigation.NavigateTo("/", forceLoad: true);
        }
        catch (ApiUnavailableException exception)
        {
            Unavailable = exception.Message;
            _retry = action;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Runs the failed call again.</summary>
    protected Task RetryAsync() => _retry is { } retry ? RunAsync(retry) : Task.CompletedTask;
}
