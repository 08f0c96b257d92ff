// The official Google Gen AI SDK (@google/genai) as a FlowRouter client. Driven by
// tests/FlowRouter.IntegrationTests/GeminiJsSdkTests.cs: argv = baseUrl apiKey model scenario...; prints one JSON line
// per scenario ({"scenario", ...result} or {"scenario", "error": {status, message}}).
import { GoogleGenAI } from '@google/genai';

const [baseUrl, apiKey, model, ...scenarios] = process.argv.slice(2);
const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl, apiVersion: 'v1beta', timeout: 20000 } });

const weather = {
  functionDeclarations: [{
    name: 'get_weather',
    description: 'Weather at a place',
    parametersJsonSchema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  }],
};

const run = {
  async text() {
    const r = await ai.models.generateContent({ model, contents: 'What is 4200 + 42?', config: { systemInstruction: 'Be terse.' } });
    return { text: r.text, finishReason: r.candidates?.[0]?.finishReason, promptTokens: r.usageMetadata?.promptTokenCount ?? 0 };
  },
  async stream() {
    const chunks = [];
    let finishReason;
    for await (const chunk of await ai.models.generateContentStream({ model, contents: 'Tell me something.' })) {
      chunks.push(chunk.text ?? '');
      finishReason = chunk.candidates?.[0]?.finishReason ?? finishReason;
    }
    return { chunks: chunks.length, text: chunks.join(''), finishReason };
  },
  async functionCall() {
    const r = await ai.models.generateContent({ model, contents: 'Weather in Paris and Tokyo?', config: { tools: [weather] } });
    const calls = r.functionCalls ?? [];
    // The next turn answers every call, in order, as Gemini wants: one user turn with one functionResponse per call.
    const r2 = await ai.models.generateContent({
      model,
      contents: [
        { role: 'user', parts: [{ text: 'Weather in Paris and Tokyo?' }] },
        r.candidates[0].content,
        { role: 'user', parts: calls.map((c, i) => ({ functionResponse: { name: c.name, id: c.id, response: { temp: 20 + i } } })) },
      ],
      config: { tools: [weather] },
    });
    return { calls: calls.map(c => ({ name: c.name, args: c.args })), followUp: r2.text };
  },
  async countTokens() {
    const r = await ai.models.countTokens({ model, contents: 'How many tokens is this sentence, roughly?' });
    return { totalTokens: r.totalTokens };
  },
  async getModel() {
    const m = await ai.models.get({ model });
    return { name: m.name };
  },
};

for (const scenario of scenarios) {
  try {
    console.log(JSON.stringify({ scenario, ...(await run[scenario]()) }));
  } catch (e) {
    console.log(JSON.stringify({ scenario, error: { status: e.status ?? null, message: String(e.message ?? e) } }));
  }
}
