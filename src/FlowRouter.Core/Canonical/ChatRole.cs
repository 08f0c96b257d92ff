namespace FlowRouter.Core.Canonical;

/// <summary>
/// An open enum: well-known roles are static values, any other string a wire format carries is kept as is
/// so that a same-protocol hop never loses it.
/// </summary>
public readonly record struct ChatRole(string Value)
{
    public static readonly ChatRole System = new("system");
    public static readonly ChatRole Developer = new("developer");
    public static readonly ChatRole User = new("user");
    public static readonly ChatRole Assistant = new("assistant");
    public static readonly ChatRole Tool = new("tool");

    public bool IsSystemLike => this == System || this == Developer;

    public override string ToString() => Value;
}
