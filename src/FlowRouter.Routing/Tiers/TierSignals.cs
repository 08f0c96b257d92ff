namespace FlowRouter.Routing.Tiers;

/// <summary>
/// What <see cref="TierClassifier"/> measured in a raw request body.
/// </summary>
/// <param name="Chars">UTF-8 bytes of every JSON string value (≈ characters for ASCII text), leaving out opaque
/// blobs: base64 media ("data" fields, data: URLs), signatures and encrypted reasoning.</param>
/// <param name="Fences">Occurrences of ``` in string values (two per code block).</param>
/// <param name="Tools">Declared tools: elements of the root "tools" array, or of Gemini "functionDeclarations" when more.</param>
/// <param name="Turns">Elements of the root conversation array ("messages", "input", Gemini "contents"); a string "input" is one.</param>
/// <param name="Reasoning">reasoning_effort, reasoning {effort}, thinking {type}, generationConfig.thinkingConfig.</param>
/// <param name="Images">Image parts ("type": image / image_url / input_image) and Gemini inlineData/fileData parts.</param>
/// <param name="Malformed">The body is not valid JSON; the signals are what was read before the fault.</param>
public readonly record struct TierSignals(long Chars, int Fences, int Tools, int Turns, TierReasoning Reasoning, int Images, bool Malformed = false);
