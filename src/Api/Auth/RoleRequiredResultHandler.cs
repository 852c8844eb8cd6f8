using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using QrAspire.Api.Common;

namespace QrAspire.Api.Auth;

/// <summary>
/// A caller refused only for their role in the workspace gets 403 <c>role-required</c> naming the role needed;
/// every other refusal is answered as before.
/// </summary>
internal sealed class RoleRequiredResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() is [WorkspaceRoleRequirement role])
        {
            return ActingWorkspace.RoleRequired(role.Role).ToResult().ExecuteAsync(context);
        }

        return _fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
