namespace FlowRouter.Core.Canonical;

public sealed class RefusalPart(string text) : ContentPart
{
    public string Text { get; set; } = text;
}
