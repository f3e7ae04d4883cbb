import KaiCore
@testable import KaiPlanning
import Testing

/// A model that says kai cannot do something has refused the request; other answers stay answers.
@Suite("A model's refusal in text")
struct ModelRefusalTests {
    @Test func aSentenceSayingKaiCannotIsARefusalWithItsAlternative() throws {
        let refusal = try #require(ModelRefusal.refusal(in: "kai cannot delete deployments; it can scale backend to 0, which stops it and can be undone."))
        #expect(refusal.reason == "kai cannot delete deployments.")
        #expect(refusal.alternative == "It can scale backend to 0, which stops it and can be undone.")
        let alone = try #require(ModelRefusal.refusal(in: "Kai can't run a shell"))
        #expect(alone.reason == "Kai can't run a shell" && alone.alternative == ModelRefusal.fallback)
    }

    @Test(arguments: ["The backend has 2 ready replicas.", "I cannot see any problem with the backend.",
                      "Nothing is wrong; kai cannot find a failing pod.", "kaisen cannot be found"])
    func anAnswerIsNotARefusal(text: String) {
        #expect(ModelRefusal.refusal(in: text) == nil)
    }
}
