using Microsoft.Playwright;

namespace FlowRouter.BrowserTests;

/// <summary>
/// Full-page screenshots, named page-theme.png, written to the test output folder (screenshots/, the test
/// artifacts). With FLOWROUTER_UPDATE_SCREENSHOTS=1 they are also copied to docs/screenshots/ in the source tree,
/// which the README shows; a plain test run never changes tracked files.
/// </summary>
internal static class Screenshots
{
    public static string ArtifactsFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private static readonly string? DocsFolder = Environment.GetEnvironmentVariable("FLOWROUTER_UPDATE_SCREENSHOTS") == "1" ? FindDocs() : null;

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        string file = Path.Combine(ArtifactsFolder, name + ".png");
        // Animations off and the caret hidden, so the pictures show the page, not a moment of it.
        await page.ScreenshotAsync(new() { Path = file, FullPage = true, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        if (DocsFolder is not null)
        {
            Directory.CreateDirectory(DocsFolder);
            File.Copy(file, Path.Combine(DocsFolder, name + ".png"), overwrite: true);
        }
    }

    private static string? FindDocs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowRouter.slnx")))
            {
                return Path.Combine(dir.FullName, "docs", "screenshots");
            }
        }
        return null;
    }
}
