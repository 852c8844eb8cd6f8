using System.Text.Json;
using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Accounts;
using QrAspire.Api.Features.Audit;
using QrAspire.Api.Features.Quotas;
using QrAspire.Data;
using QrAspire.Data.Model;
using QrAspire.Platform.Settings;

namespace QrAspire.Api.Features.Workspaces.Invitations.Create;

internal sealed class CreateInvitationEndpoint(QrAspireDbContext db, AccountQuotas quotas, AuditTrail audit, WorkspaceSettings settings, TimeProvider clock)
    : Endpoint<InvitationRequest, InvitationResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.WorkspaceInvitations);
        Policies(ApiScopes.UserOnly);
        Options(route => route.AddEndpointFilter<VerifiedEmailRequired>());
        Summary(s =>
        {
            s.Summary = "Invite someone by e-mail";
            s.Description = "Mails a link to {console}/invitations/accept that works once, for WORKSPACE_INVITATION_DAYS (default 7), and only for the "
                + "account with this verified address. Admins and owners invite; only an owner invites an owner. A workspace holds at most "
                + "QUOTA_MEMBERS (default 50) members and open invitations.";
            s.ExampleRequest = new InvitationRequest { Email = "jo@client.example", Role = WorkspaceRoles.Viewer };
            s.Responses[201] = "Invited; the token is only in the e-mail.";
            s.Responses[400] = "The address or role is invalid (problem+json naming the field), or the workspace is personal (personal_workspace).";
            s.Responses[403] = "You are not a member (not-a-member), your role is too low (role-required), your address is not verified (email-unverified), "
                + "or the workspace is full (quota-exceeded).";
            s.Responses[409] = "The address belongs to a member already (already_member).";
        });
    }

    public override async Task HandleAsync(InvitationRequest request, CancellationToken ct)
    {
        var workspaceId = Route<string>("id")!;
        var (access, problem) = await WorkspaceAccess.CheckAsync(db, workspaceId, User.AccountId(), WorkspaceRoles.Admin, ct);
        if (problem is null && access!.Workspace.Personal)
        {
            problem = WorkspaceAccess.PersonalWorkspace("a personal workspace takes no other members; create a shared workspace");
        }

        problem ??= Emails.LooksValid(request.Email) ? null : Problems.Field("email", "must be an e-mail address", "email_invalid");
        problem ??= WorkspaceAccess.CheckRole(request.Role, "role");
        if (problem is null && request.Role == WorkspaceRoles.Owner && access!.Role != WorkspaceRoles.Owner)
        {
            problem = ActingWorkspace.RoleRequired(WorkspaceRoles.Owner);
        }

        if (problem is not null)
        {
            await Send.ResultAsync(problem.ToResult());
            return;
        }

        var email = EmailAddresses.Canonical(request.Email!);
        var normalized = Emails.Normalize(request.Email!);
        var alreadyMember = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Accounts, m => m.AccountId, a => a.Id, (m, a) => a.NormalizedEmail)
            .AnyAsync(n => n == normalized, ct);
        if (alreadyMember)
        {
            await Send.ResultAsync((Problems.Conflict("This address belongs to a member of the workspace already.") with
            {
                Errors = [new FieldError("email", "already a member", "already_member")],
            }).ToResult());
            return;
        }

        if (await quotas.CheckMemberAsync(workspaceId, ct) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult(HttpContext));
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = "qri_" + Base62.Random(43);
        var invitation = new WorkspaceInvitation
        {
            Id = Ids.New("inv"),
            WorkspaceId = workspaceId,
            Email = email,
            NormalizedEmail = normalized,
            Role = request.Role!,
            TokenHash = RefreshTokens.Hash(token),
            InvitedBy = User.AccountId(),
            CreatedAt = now,
            ExpiresAt = now.AddDays(settings.InvitationDays),
        };
        db.WorkspaceInvitations.Add(invitation);
        var inviter = await db.Accounts.AsNoTracking().Where(a => a.Id == invitation.InvitedBy).Select(a => a.Email).FirstAsync(ct);
        db.EmailMessages.Add(new EmailMessage
        {
            Id = Ids.New("mail"),
            To = email,
            Template = "workspace-invitation",
            Data = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["token"] = token,
                ["workspace"] = access!.Workspace.Name,
                ["invited_by"] = inviter,
                ["role"] = invitation.Role,
                ["expires_at"] = invitation.ExpiresAt.ToString("O"),
            }),
            CreatedAt = now,
        });
        audit.Created(invitation, AuditActions.MemberInvited, AuditTargets.Invitation, invitation.Id, workspaceId);
        await db.SaveChangesAsync(ct);
        HttpContext.Response.Headers.Location = $"{ApiRoutes.Path(ApiRoutes.WorkspaceInvitations, workspaceId)}/{invitation.Id}";
        await Send.ResponseAsync(invitation.ToResponse(), 201, ct);
    }
}
