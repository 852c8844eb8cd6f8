using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using QrAspire.Api.Auth;
using QrAspire.Api.Common;
using QrAspire.Api.Features.Audit;
using QrAspire.Data;
using QrAspire.Data.Model;

namespace QrAspire.Api.Features.Workspaces.Invitations.Accept;

internal sealed class AcceptInvitationEndpoint(QrAspireDbContext db, AuditTrail audit, TimeProvider clock) : Endpoint<InvitationAcceptRequest, WorkspaceResponse>
{
    public override void Configure()
    {
        Post(ApiRoutes.InvitationAccept);
        Policies(ApiScopes.UserOnly);
        Summary(s =>
        {
            s.Summary = "Accept an invitation";
            s.Description = "With the token from the invitation's e-mail, signed in as the account with the invited (verified) address. "
                + "The token works once. The answer is the joined workspace, with your role.";
            s.ExampleRequest = new InvitationAcceptRequest { Token = "qri_…" };
            s.Responses[200] = "Joined.";
            s.Responses[400] = "No token, or an unknown one (invitation_invalid).";
            s.Responses[403] = "The invitation is for another address, or yours is not verified (invitation_other_account).";
            s.Responses[410] = "The invitation was used (invitation_used), also by an accept of the same token at the same moment, revoked (invitation_revoked) or has expired (invitation_expired).";
        });
    }

    public override async Task HandleAsync(InvitationAcceptRequest request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            await Send.ResultAsync(Problems.Field("token", "is required", "token_required").ToResult());
            return;
        }

        var hash = RefreshTokens.Hash(request.Token.Trim());
        var invitation = await db.WorkspaceInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (Refusal(invitation, now) is { } refusal)
        {
            await Send.ResultAsync(refusal.ToResult());
            return;
        }

        var accountId = User.AccountId();
        var mine = await db.Accounts.AsNoTracking()
            .AnyAsync(a => a.Id == accountId && a.NormalizedEmail == invitation!.NormalizedEmail && a.EmailVerifiedAt != null, ct);
        if (!mine)
        {
            await Send.ResultAsync(Problems.Of(403, ProblemTypes.Forbidden, "This invitation is for another account.",
                "Sign in as the account with the invited address, and verify that address first.",
                [new FieldError("token", "the invitation was sent to another address", "invitation_other_account")]).ToResult());
            return;
        }

        // A membership inserted meanwhile by another path (a second invitation accepted at the same moment) fails
        // the save on the primary key; the second try finds it and keeps its role.
        WorkspaceMember? member;
        try
        {
            member = await JoinAsync(invitation!, accountId, now, ct);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            member = await JoinAsync(invitation!, accountId, now, ct);
        }

        if (member is null)
        {
            // Another accept (or a revoke) won the race: the same answer a later, sequential request gets.
            var current = await db.WorkspaceInvitations.AsNoTracking().FirstAsync(i => i.Id == invitation!.Id, ct);
            await Send.ResultAsync((Refusal(current, now) ?? Gone("The invitation was used already.", "invitation_used")).ToResult());
            return;
        }

        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == invitation!.WorkspaceId, ct);
        await Send.OkAsync(new WorkspaceAccess(workspace, member.Role).ToResponse(), ct);
    }

    /// <summary>
    /// Marks the invitation used and makes the account a member, in one transaction; null when the invitation was
    /// used or revoked meanwhile. The mark is a conditional update, so of two accepts at the same moment exactly one
    /// matches the row (PostgreSQL re-checks the condition once the other's transaction has committed).
    /// </summary>
    private async Task<WorkspaceMember?> JoinAsync(WorkspaceInvitation invitation, string accountId, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.WorkspaceInvitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.AcceptedAt, now), ct);
        if (claimed != 1)
        {
            return null;
        }

        var member = await db.Membership(invitation.WorkspaceId, accountId).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            // Joining keeps a higher role someone already has; it never lowers it.
            member = new WorkspaceMember { WorkspaceId = invitation.WorkspaceId, AccountId = accountId, Role = invitation.Role, JoinedAt = now };
            db.WorkspaceMembers.Add(member);
            audit.Created(member, AuditActions.MemberJoined, AuditTargets.Member, accountId, invitation.WorkspaceId);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return member;
    }

    private static Problem? Refusal(WorkspaceInvitation? invitation, DateTime now) => invitation switch
    {
        null => Problems.Field("token", "no such invitation; check the link", "invitation_invalid"),
        { AcceptedAt: not null } => Gone("The invitation was used already.", "invitation_used"),
        { RevokedAt: not null } => Gone("The invitation was revoked; ask for a new one.", "invitation_revoked"),
        _ when invitation.ExpiresAt <= now => Gone("The invitation has expired; ask for a new one.", "invitation_expired"),
        _ => null,
    };

    private static Problem Gone(string detail, string code) =>
        Problems.Of(410, ProblemTypes.InvitationGone, "The invitation no longer works.", detail, [new FieldError("token", detail, code)]);
}
