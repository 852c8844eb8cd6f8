using Microsoft.AspNetCore.Authorization;

namespace QrAspire.Api.Auth;

/// <summary>The caller's role in the acting workspace is at least <see cref="Role"/>; failing it answers 403 <c>role-required</c>.</summary>
internal sealed class WorkspaceRoleRequirement(string role) : AuthorizationHandler<WorkspaceRoleRequirement>, IAuthorizationRequirement
{
    public string Role => role;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkspaceRoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true && WorkspaceRoles.AtLeast(context.User.WorkspaceRole(), requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
