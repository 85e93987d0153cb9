/// Decodes JSON (or any Decoder's) data into a value tree: `JSONDecoder().decode(TemplateValue.self, from: data)`.
/// Booleans stay booleans, whole numbers become `.int`, other numbers `.double`.
extension TemplateValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([TemplateValue].self) {
            self = .list(value)
        } else {
            self = .object(try container.decode([String: TemplateValue].self))
        }
    }
}
