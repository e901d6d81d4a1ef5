import Testing
@testable import BSMDocument

@Suite struct EMLDecodingTests {
    // MARK: RFC 2047

    @Test func bEncodedUTF8WordsAreDecodedAndJoined() {
        let s = EMLEncodedWords.decode("=?UTF-8?B?WW91ciBvcmRlciDigJMgdGhhbmsgeW91?= =?UTF-8?B?IGZvciBzaG9wcGluZyB3aXRoIHVzIQ==?=")
        #expect(s == "Your order – thank you for shopping with us!")
    }

    @Test func qEncodingUnderscoresAndMixedPlainText() {
        #expect(EMLEncodedWords.decode("=?iso-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=") == "Grüße aus Köln")
        #expect(EMLEncodedWords.decode("Re: =?utf-8?q?Caf=C3=A9?= order #42") == "Re: Café order #42")
        // Whitespace between an encoded-word and plain text is kept; between two words it is not.
        #expect(EMLEncodedWords.decode("a =?utf-8?q?b?= =?utf-8?q?c?= d") == "a bc d")
        // Lowercase encoding letter and charset, windows-1252 specials (0x96 en dash, 0x80 euro).
        #expect(EMLEncodedWords.decode("=?windows-1252?q?5_=80_=96_cheap?=") == "5 € – cheap")
    }

    @Test func multibyteCharacterSplitAcrossTwoWords() {
        // "é" is C3 A9; the first word ends after C3, the second starts with A9.
        #expect(EMLEncodedWords.decode("=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=") == "café")
        #expect(EMLEncodedWords.decode("=?utf-8?B?Y2Fmww==?=\t=?utf-8?B?qQ==?=") == "café")
    }

    @Test func otherCharsetsGoThroughIconv() {
        #expect(EMLEncodedWords.decode("=?koi8-r?B?8NLJ18XU?=") == "Привет")
        #expect(EMLEncodedWords.decode("=?iso-8859-15?Q?=A4uro?=") == "€uro")
        // RFC 2231 language suffix in the charset.
        #expect(EMLEncodedWords.decode("=?utf-8*de?Q?M=C3=BCller?=") == "Müller")
    }

    @Test func malformedWordsStayLiteral() {
        #expect(EMLEncodedWords.decode("=?utf-8?X?abc?=") == "=?utf-8?X?abc?=")
        #expect(EMLEncodedWords.decode("price =?= 5") == "price =?= 5")
        #expect(EMLEncodedWords.decode("=?utf-8?q?never closed") == "=?utf-8?q?never closed")
    }

    // MARK: quoted-printable

    @Test func quotedPrintableSoftBreaksEscapesAndLeniency() {
        let qp = utf8("<p class=3D\"a\">long li=\r\nne</p>   \r\nx=3d=C3=A9=\nend= \n=ZZ and = alone=")
        let out = String(decoding: EMLTransferDecoding.quotedPrintable(qp), as: UTF8.self)
        #expect(out == "<p class=\"a\">long line</p>\r\nx=éend=ZZ and = alone")
    }

    @Test func quotedPrintableKeepsHardLineBreaks() {
        let out = EMLTransferDecoding.quotedPrintable(utf8("a\nb\r\nc"))
        #expect(out == utf8("a\nb\r\nc"))
    }

    // MARK: base64

    @Test func base64IgnoresWhitespaceAndJunkAndMissingPadding() {
        #expect(EMLTransferDecoding.base64(utf8("SGVs\r\nbG8g\td29y bGQ=")) == utf8("Hello world"))
        #expect(EMLTransferDecoding.base64(utf8("SGVsbG8")) == utf8("Hello"))  // no padding
        #expect(EMLTransferDecoding.base64(utf8("SG!Vs*bG8=")) == utf8("Hello"))  // junk skipped
        #expect(EMLTransferDecoding.base64(utf8("QQ==QkM=")) == utf8("ABC"))  // concatenated chunks
        let r = EMLTransferDecoding.base64(utf8("SG!Vs"), from: 0, to: 5)
        #expect(r.invalid == 1)
        #expect(r.bytes == utf8("Hel"))
    }

    // MARK: parameters

    @Test func contentTypeParametersAreCaseInsensitiveAndUnquoted() {
        let p = EMLHeaderParams.parse("Text/HTML; CharSet=\"UTF-8\"; Format=flowed; name=\"a \\\"q\\\" b.html\"")
        #expect(p.value == "text/html")
        #expect(p["charset"] == "UTF-8")
        #expect(p["format"] == "flowed")
        #expect(p["name"] == "a \"q\" b.html")
    }

    @Test func missingSemicolonAndSloppyValues() {
        let p = EMLHeaderParams.parse("text/plain charset=utf-8 format=flowed")
        #expect(p.value == "text/plain")
        #expect(p["charset"] == "utf-8")
        #expect(p["format"] == "flowed")
        let d = EMLHeaderParams.parse("attachment; filename=Order 123.pdf")
        #expect(d.value == "attachment")
        #expect(d["filename"] == "Order 123.pdf")
    }

    @Test func rfc2231ExtendedAndContinuedValues() {
        let single = EMLHeaderParams.parse("attachment; filename*=UTF-8''R%C3%BCcksendeschein.pdf")
        #expect(single["filename"] == "Rücksendeschein.pdf")
        let latin = EMLHeaderParams.parse("attachment; filename*=iso-8859-1'de'Gr%FC%DFe.txt")
        #expect(latin["filename"] == "Grüße.txt")
        // Sections out of order, mixing extended and plain sections; filename* beats filename.
        let cont = EMLHeaderParams.parse("attachment; filename=\"fallback.pdf\"; filename*1=\" Nr. 7\"; filename*0*=utf-8''Rechnung%E2%80%93; filename*2*=%2Epdf")
        #expect(cont["filename"] == "Rechnung– Nr. 7.pdf")
    }

    @Test func rfc2047EncodedNameParameter() {
        let p = EMLHeaderParams.parse("application/pdf; name=\"=?UTF-8?B?UmVjaG51bmcgw4TDlsOcLnBkZg==?=\"")
        #expect(p["name"] == "Rechnung ÄÖÜ.pdf")
    }

    @Test func transferEncodingTokenDropsComments() {
        #expect(EMLHeaderParams.token(" Base64 (sent by X)") == "base64")
        #expect(EMLHeaderParams.token("(x) Quoted-Printable") == "quoted-printable")
    }
}
