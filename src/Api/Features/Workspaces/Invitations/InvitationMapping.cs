using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Workspaces.Invitations;

internal static class InvitationMapping
{
    public static InvitationResponse ToResponse(this WorkspaceInvitation invitation) =>
        new(invitation.Id, invitation.Email, invitation.Role, invitation.InvitedBy, invitation.CreatedAt, invitation.ExpiresAt);
}
