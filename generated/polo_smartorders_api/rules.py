"""Rules derived from openapi/smartorders.yaml by openapi/derive.py (`make generate`). Do not edit.

Hand-written code reads them through polo_smartorders/_rules.py, typed; no other module imports this one.
"""

from typing import Any, Final

OPERATIONS: Final[dict[str, Any]] = {
    "getServerTime": {
        "method": "GET",
        "path": "/timestamp",
        "group": "time",
        "rate_limit": None,
        "kind": "read",
        "signed": False,
        "body": None,
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "object",
            "properties": {
                "serverTime": {
                    "type": "integer",
                    "minimum": 0,
                    "maximum": 9007199254740991,
                    "description": "Milliseconds since the epoch.",
                }
            },
            "required": ["serverTime"],
        },
        "params": {},
    },
    "listSmartOrders": {
        "method": "GET",
        "path": "/smartorders",
        "group": "list",
        "rate_limit": 10,
        "kind": "read",
        "signed": True,
        "body": None,
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "clientOrderId": {"type": "string", "description": "Empty when none was set."},
                    "symbol": {"type": "string"},
                    "state": {
                        "type": "string",
                        "description": "Known values: PENDING_NEW, "
                        "PENDING_CANCEL, CANCELED, REJECTED, "
                        "EXPIRED, TRIGGERED, FAILED, and in "
                        "history also FILLED, "
                        "PARTIALLY_CANCELED.",
                    },
                    "accountType": {"type": "string", "description": "Known values: SPOT."},
                    "side": {"type": "string", "description": "Known values: BUY, SELL."},
                    "type": {
                        "type": "string",
                        "description": "Known values: STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT.",
                    },
                    "timeInForce": {"type": "string", "description": "Known values: GTC, IOC, FOK."},
                    "quantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Base units, a decimal string.",
                    },
                    "price": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": 'Limit price, a decimal string ("0" when none).',
                    },
                    "amount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Quote units, a decimal string.",
                    },
                    "stopPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Trigger price, a decimal "
                        "string. For trailing types, the "
                        "current trigger level: the "
                        'activation price (or "0" '
                        "without one) until the order "
                        "activates, then the trailing "
                        "stop, which moves with the best "
                        "price (`activationPrice` keeps "
                        "the activation price sent).",
                    },
                    "createTime": {"type": "integer"},
                    "updateTime": {"type": "integer", "description": "May be 0."},
                    "triggeredOrder": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "clientOrderId": {"type": "string"},
                            "symbol": {"type": "string"},
                            "state": {
                                "type": "string",
                                "description": "Known "
                                "values: "
                                "PENDING_NEW, "
                                "NEW, "
                                "PARTIALLY_FILLED, "
                                "FILLED, "
                                "PENDING_CANCEL, "
                                "PARTIALLY_CANCELED, "
                                "CANCELED, "
                                "REJECTED, "
                                "EXPIRED, "
                                "FAILED.",
                            },
                            "accountType": {"type": "string"},
                            "side": {"type": "string"},
                            "type": {"type": "string", "description": "Known values: MARKET, LIMIT, LIMIT_MAKER."},
                            "timeInForce": {"type": "string"},
                            "quantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "price": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "avgPrice": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "amount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "filledQuantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "filledAmount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "createTime": {"type": "integer"},
                            "updateTime": {"type": "integer"},
                        },
                        "required": [
                            "id",
                            "clientOrderId",
                            "symbol",
                            "state",
                            "accountType",
                            "side",
                            "type",
                            "timeInForce",
                            "quantity",
                            "price",
                            "avgPrice",
                            "amount",
                            "filledQuantity",
                            "filledAmount",
                            "createTime",
                            "updateTime",
                        ],
                        "description": "The regular order a smart order placed when it triggered.",
                    },
                    "trailingOffset": {"type": "string"},
                    "limitOffset": {"type": "string"},
                    "operator": {"type": "string", "description": "Known values: GTE, LTE."},
                    "activationPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal "
                        "(no sign, no exponent); "
                        '"0" or empty when it does '
                        "not apply.",
                    },
                    "avgPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an answer, "
                        "a plain decimal (no sign, no "
                        'exponent); "0" or empty when it '
                        "does not apply.",
                    },
                    "filledQuantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal "
                        "(no sign, no exponent); "
                        '"0" or empty when it does '
                        "not apply.",
                    },
                    "filledAmount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal (no "
                        'sign, no exponent); "0" or '
                        "empty when it does not "
                        "apply.",
                    },
                    "orderSource": {"type": "string"},
                },
                "required": [
                    "id",
                    "clientOrderId",
                    "symbol",
                    "state",
                    "accountType",
                    "side",
                    "type",
                    "timeInForce",
                    "quantity",
                    "price",
                    "amount",
                    "stopPrice",
                    "createTime",
                    "updateTime",
                ],
            },
        },
        "params": {
            "limit": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "limit",
                "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
            }
        },
    },
    "createSmartOrder": {
        "method": "POST",
        "path": "/smartorders",
        "group": "create",
        "rate_limit": 50,
        "kind": "place",
        "signed": True,
        "body": {
            "type": "object",
            "properties": {
                "symbol": {
                    "type": "string",
                    "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
                    "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
                    "description": "`<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol "
                    "that is not a market of the exchange is "
                    "refused with code 25019.",
                },
                "side": {"type": "string", "enum": ["BUY", "SELL"]},
                "type": {
                    "type": "string",
                    "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
                    "description": "STOP triggers a MARKET order; STOP_LIMIT a "
                    "LIMIT order at `price`; trailing types follow "
                    "the price.",
                },
                "timeInForce": {"type": "string", "x-default": "GTC", "enum": ["GTC", "IOC", "FOK"]},
                "accountType": {"type": "string", "x-default": "SPOT", "enum": ["SPOT"]},
                "price": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "stopPrice": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "quantity": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "amount": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "clientOrderId": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9_-]{1,64}$",
                    "x-message": "must be 1 to 64 characters, each a letter, digit, _ or -",
                    "minLength": 1,
                    "maxLength": 64,
                    "description": "A client order id, 1 to 64 characters "
                    "of letters, digits, `_` and `-`. It is "
                    "unique among the account's open orders "
                    "only: it is freed when its order "
                    "leaves the open set (triggers, is "
                    "cancelled, fails or expires), and can "
                    "then be used again. `GET "
                    "/smartorders/cid:<id>` answers the "
                    "newest order that carries it.",
                },
                "trailingOffset": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)%?$",
                    "x-message": "must be a plain decimal greater than 0, "
                    "or one followed by % for a percentage "
                    "of the price",
                    "maxLength": 40,
                    "description": "A plain decimal, or a decimal followed by `%` for a percentage of the price.",
                },
                "limitOffset": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)%?$",
                    "x-message": "must be a plain decimal greater than 0, or "
                    "one followed by % for a percentage of the "
                    "price",
                    "maxLength": 40,
                    "description": "A plain decimal, or a decimal followed by `%` for a percentage of the price.",
                },
                "operator": {
                    "type": "string",
                    "enum": ["GTE", "LTE"],
                    "description": "Activation operator of a trailing order.",
                },
            },
            "required": ["symbol", "side"],
            "additionalProperties": False,
        },
        "body_required": True,
        "answer_max_items": None,
        "answer": {
            "type": "object",
            "properties": {
                "id": {"type": "string", "description": "The new smart order's id."},
                "clientOrderId": {"type": "string", "description": "Its client order id; empty when none was set."},
            },
            "required": ["id", "clientOrderId"],
        },
        "params": {},
    },
    "cancelAllSmartOrders": {
        "method": "DELETE",
        "path": "/smartorders",
        "group": "cancel_all",
        "rate_limit": 10,
        "kind": "cancel",
        "signed": True,
        "body": {
            "type": "object",
            "properties": {
                "symbols": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "string",
                        "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
                        "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
                        "description": "`<BASE>_<QUOTE>`, e.g. "
                        "BTC_USDT. A symbol that is not "
                        "a market of the exchange is "
                        "refused with code 25019.",
                    },
                },
                "accountTypes": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string", "x-default": "SPOT", "enum": ["SPOT"]},
                },
                "orderTypes": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "string",
                        "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
                        "description": "STOP triggers a MARKET "
                        "order; STOP_LIMIT a LIMIT "
                        "order at `price`; trailing "
                        "types follow the price.",
                    },
                },
            },
            "additionalProperties": False,
            "description": "Filters AND together; a filter left out matches everything. An "
            "empty list is refused, so that a bug sending one can never widen a "
            'filtered cancel into "cancel everything".',
        },
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "orderId": {"type": "string"},
                    "clientOrderId": {"type": "string", "description": "Empty when none was set."},
                    "state": {
                        "type": "string",
                        "description": "Known values: CANCELED, "
                        "PENDING_CANCEL. When the "
                        "cancel failed (code other than "
                        "0/200), the order's actual "
                        "current state, e.g. TRIGGERED, "
                        "never a state it does not "
                        "have; empty for an id that "
                        "matches no order (code "
                        "25014).",
                    },
                    "code": {
                        "type": "integer",
                        "description": "0 or 200 when the cancel succeeded; an error code otherwise.",
                    },
                    "message": {"type": "string"},
                },
                "required": ["orderId", "clientOrderId", "state", "code", "message"],
            },
        },
        "params": {},
    },
    "cancelSmartOrdersByIds": {
        "method": "DELETE",
        "path": "/smartorders/cancelByIds",
        "group": "cancel_by_ids",
        "rate_limit": 10,
        "kind": "cancel",
        "signed": True,
        "body": {
            "type": "object",
            "properties": {
                "orderIds": {
                    "type": "array",
                    "maxItems": 100,
                    "items": {
                        "type": "string",
                        "pattern": "^[0-9]{1,20}$",
                        "x-message": "must be a numeric order id (1 to 20 digits)",
                        "description": "A numeric order id, kept as a string (up to about 19 digits).",
                    },
                },
                "clientOrderIds": {
                    "type": "array",
                    "maxItems": 100,
                    "items": {
                        "type": "string",
                        "pattern": "^[A-Za-z0-9_-]{1,64}$",
                        "x-message": "must be 1 to 64 characters, each a letter, digit, _ or -",
                        "minLength": 1,
                        "maxLength": 64,
                        "description": "A client order id, 1 "
                        "to 64 characters of "
                        "letters, digits, `_` "
                        "and `-`. It is unique "
                        "among the account's "
                        "open orders only: it "
                        "is freed when its "
                        "order leaves the open "
                        "set (triggers, is "
                        "cancelled, fails or "
                        "expires), and can "
                        "then be used again. "
                        "`GET "
                        "/smartorders/cid:<id>` "
                        "answers the newest "
                        "order that carries "
                        "it.",
                    },
                    "description": "Client order ids without the `cid:` prefix.",
                },
            },
            "additionalProperties": False,
        },
        "body_required": True,
        "answer_max_items": None,
        "answer": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "orderId": {"type": "string"},
                    "clientOrderId": {"type": "string", "description": "Empty when none was set."},
                    "state": {
                        "type": "string",
                        "description": "Known values: CANCELED, "
                        "PENDING_CANCEL. When the "
                        "cancel failed (code other "
                        "than 0/200), the order's "
                        "actual current state, e.g. "
                        "TRIGGERED, never a state it "
                        "does not have; empty for an "
                        "id that matches no order "
                        "(code 25014).",
                    },
                    "code": {
                        "type": "integer",
                        "description": "0 or 200 when the cancel succeeded; an error code otherwise.",
                    },
                    "message": {"type": "string"},
                },
                "required": ["orderId", "clientOrderId", "state", "code", "message"],
            },
        },
        "params": {},
    },
    "listSmartOrderHistory": {
        "method": "GET",
        "path": "/smartorders/history",
        "group": "history",
        "rate_limit": 10,
        "kind": "read",
        "signed": True,
        "body": None,
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "clientOrderId": {"type": "string", "description": "Empty when none was set."},
                    "symbol": {"type": "string"},
                    "state": {
                        "type": "string",
                        "description": "Known values: PENDING_NEW, "
                        "PENDING_CANCEL, CANCELED, "
                        "REJECTED, EXPIRED, TRIGGERED, "
                        "FAILED, and in history also "
                        "FILLED, PARTIALLY_CANCELED.",
                    },
                    "accountType": {"type": "string", "description": "Known values: SPOT."},
                    "side": {"type": "string", "description": "Known values: BUY, SELL."},
                    "type": {
                        "type": "string",
                        "description": "Known values: STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT.",
                    },
                    "timeInForce": {"type": "string", "description": "Known values: GTC, IOC, FOK."},
                    "quantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Base units, a decimal string.",
                    },
                    "price": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": 'Limit price, a decimal string ("0" when none).',
                    },
                    "amount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Quote units, a decimal string.",
                    },
                    "stopPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Trigger price, a decimal "
                        "string. For trailing "
                        "types, the current "
                        "trigger level: the "
                        'activation price (or "0" '
                        "without one) until the "
                        "order activates, then the "
                        "trailing stop, which "
                        "moves with the best price "
                        "(`activationPrice` keeps "
                        "the activation price "
                        "sent).",
                    },
                    "createTime": {"type": "integer"},
                    "updateTime": {"type": "integer", "description": "May be 0."},
                    "triggeredOrder": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "clientOrderId": {"type": "string"},
                            "symbol": {"type": "string"},
                            "state": {
                                "type": "string",
                                "description": "Known "
                                "values: "
                                "PENDING_NEW, "
                                "NEW, "
                                "PARTIALLY_FILLED, "
                                "FILLED, "
                                "PENDING_CANCEL, "
                                "PARTIALLY_CANCELED, "
                                "CANCELED, "
                                "REJECTED, "
                                "EXPIRED, "
                                "FAILED.",
                            },
                            "accountType": {"type": "string"},
                            "side": {"type": "string"},
                            "type": {"type": "string", "description": "Known values: MARKET, LIMIT, LIMIT_MAKER."},
                            "timeInForce": {"type": "string"},
                            "quantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "price": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "avgPrice": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "amount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "filledQuantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "filledAmount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "createTime": {"type": "integer"},
                            "updateTime": {"type": "integer"},
                        },
                        "required": [
                            "id",
                            "clientOrderId",
                            "symbol",
                            "state",
                            "accountType",
                            "side",
                            "type",
                            "timeInForce",
                            "quantity",
                            "price",
                            "avgPrice",
                            "amount",
                            "filledQuantity",
                            "filledAmount",
                            "createTime",
                            "updateTime",
                        ],
                        "description": "The regular order a smart order placed when it triggered.",
                    },
                    "trailingOffset": {"type": "string"},
                    "limitOffset": {"type": "string"},
                    "operator": {"type": "string", "description": "Known values: GTE, LTE."},
                    "activationPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price "
                        "in an answer, a "
                        "plain decimal (no "
                        "sign, no exponent); "
                        '"0" or empty when '
                        "it does not apply.",
                    },
                    "avgPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal "
                        "(no sign, no exponent); "
                        '"0" or empty when it does '
                        "not apply.",
                    },
                    "filledQuantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price "
                        "in an answer, a "
                        "plain decimal (no "
                        "sign, no exponent); "
                        '"0" or empty when it '
                        "does not apply.",
                    },
                    "filledAmount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in "
                        "an answer, a plain "
                        "decimal (no sign, no "
                        'exponent); "0" or '
                        "empty when it does not "
                        "apply.",
                    },
                    "orderSource": {"type": "string"},
                },
                "required": [
                    "id",
                    "clientOrderId",
                    "symbol",
                    "state",
                    "accountType",
                    "side",
                    "type",
                    "timeInForce",
                    "quantity",
                    "price",
                    "amount",
                    "stopPrice",
                    "createTime",
                    "updateTime",
                ],
            },
        },
        "params": {
            "accountType": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "account_type",
                "schema": {"type": "string", "x-default": "SPOT", "enum": ["SPOT"]},
            },
            "type": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "type_",
                "schema": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "string",
                        "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
                        "description": "STOP triggers a MARKET order; "
                        "STOP_LIMIT a LIMIT order at "
                        "`price`; trailing types follow the "
                        "price.",
                    },
                },
            },
            "side": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "side",
                "schema": {"type": "string", "enum": ["BUY", "SELL"]},
            },
            "symbol": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "symbol",
                "schema": {
                    "type": "string",
                    "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
                    "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
                    "description": "`<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol "
                    "that is not a market of the exchange is "
                    "refused with code 25019.",
                },
            },
            "from": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "from_",
                "schema": {
                    "type": "string",
                    "pattern": "^[0-9]{1,20}$",
                    "x-message": "must be a numeric order id (1 to 20 digits)",
                    "description": "A numeric order id, kept as a string (up to about 19 digits).",
                },
            },
            "direction": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "direction",
                "schema": {"type": "string", "x-default": "NEXT", "enum": ["PRE", "NEXT"]},
            },
            "states": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "states",
                "schema": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "string",
                        "enum": ["FAILED", "FILLED", "CANCELED", "PARTIALLY_CANCELED"],
                        "description": "A final state a history query can filter on.",
                    },
                },
            },
            "limit": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "limit",
                "schema": {"type": "integer", "default": 100, "minimum": 1, "maximum": 2147483647},
            },
            "hideCancel": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "hide_cancel",
                "schema": {"type": "boolean"},
            },
            "startTime": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "start_time",
                "schema": {"type": "integer", "minimum": 0, "maximum": 9007199254740991},
            },
            "endTime": {
                "in": "query",
                "required": False,
                "deprecated": False,
                "python_name": "end_time",
                "schema": {"type": "integer", "minimum": 0, "maximum": 9007199254740991},
            },
        },
    },
    "getSmartOrder": {
        "method": "GET",
        "path": "/smartorders/{id}",
        "group": "get",
        "rate_limit": 50,
        "kind": "read",
        "signed": True,
        "body": None,
        "body_required": False,
        "answer_max_items": 1,
        "answer": {
            "type": "array",
            "maxItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "clientOrderId": {"type": "string", "description": "Empty when none was set."},
                    "symbol": {"type": "string"},
                    "state": {
                        "type": "string",
                        "description": "Known values: PENDING_NEW, "
                        "PENDING_CANCEL, CANCELED, REJECTED, "
                        "EXPIRED, TRIGGERED, FAILED, and in "
                        "history also FILLED, "
                        "PARTIALLY_CANCELED.",
                    },
                    "accountType": {"type": "string", "description": "Known values: SPOT."},
                    "side": {"type": "string", "description": "Known values: BUY, SELL."},
                    "type": {
                        "type": "string",
                        "description": "Known values: STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT.",
                    },
                    "timeInForce": {"type": "string", "description": "Known values: GTC, IOC, FOK."},
                    "quantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Base units, a decimal string.",
                    },
                    "price": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": 'Limit price, a decimal string ("0" when none).',
                    },
                    "amount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Quote units, a decimal string.",
                    },
                    "stopPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "Trigger price, a decimal string. "
                        "For trailing types, the current "
                        "trigger level: the activation "
                        'price (or "0" without one) until '
                        "the order activates, then the "
                        "trailing stop, which moves with "
                        "the best price (`activationPrice` "
                        "keeps the activation price "
                        "sent).",
                    },
                    "createTime": {"type": "integer"},
                    "updateTime": {"type": "integer", "description": "May be 0."},
                    "triggeredOrder": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "clientOrderId": {"type": "string"},
                            "symbol": {"type": "string"},
                            "state": {
                                "type": "string",
                                "description": "Known "
                                "values: "
                                "PENDING_NEW, "
                                "NEW, "
                                "PARTIALLY_FILLED, "
                                "FILLED, "
                                "PENDING_CANCEL, "
                                "PARTIALLY_CANCELED, "
                                "CANCELED, "
                                "REJECTED, "
                                "EXPIRED, "
                                "FAILED.",
                            },
                            "accountType": {"type": "string"},
                            "side": {"type": "string"},
                            "type": {"type": "string", "description": "Known values: MARKET, LIMIT, LIMIT_MAKER."},
                            "timeInForce": {"type": "string"},
                            "quantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "price": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "avgPrice": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "amount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "filledQuantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "filledAmount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "An "
                                "amount "
                                "or "
                                "price "
                                "in "
                                "an "
                                "answer, "
                                "a "
                                "plain "
                                "decimal "
                                "(no "
                                "sign, "
                                "no "
                                "exponent); "
                                '"0" '
                                "or "
                                "empty "
                                "when "
                                "it "
                                "does "
                                "not "
                                "apply.",
                            },
                            "createTime": {"type": "integer"},
                            "updateTime": {"type": "integer"},
                        },
                        "required": [
                            "id",
                            "clientOrderId",
                            "symbol",
                            "state",
                            "accountType",
                            "side",
                            "type",
                            "timeInForce",
                            "quantity",
                            "price",
                            "avgPrice",
                            "amount",
                            "filledQuantity",
                            "filledAmount",
                            "createTime",
                            "updateTime",
                        ],
                        "description": "The regular order a smart order placed when it triggered.",
                    },
                    "trailingOffset": {"type": "string"},
                    "limitOffset": {"type": "string"},
                    "operator": {"type": "string", "description": "Known values: GTE, LTE."},
                    "activationPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal (no "
                        'sign, no exponent); "0" or '
                        "empty when it does not "
                        "apply.",
                    },
                    "avgPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an answer, a "
                        "plain decimal (no sign, no "
                        'exponent); "0" or empty when it '
                        "does not apply.",
                    },
                    "filledQuantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal (no "
                        'sign, no exponent); "0" or '
                        "empty when it does not "
                        "apply.",
                    },
                    "filledAmount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal (no "
                        'sign, no exponent); "0" or '
                        "empty when it does not apply.",
                    },
                    "orderSource": {"type": "string"},
                },
                "required": [
                    "id",
                    "clientOrderId",
                    "symbol",
                    "state",
                    "accountType",
                    "side",
                    "type",
                    "timeInForce",
                    "quantity",
                    "price",
                    "amount",
                    "stopPrice",
                    "createTime",
                    "updateTime",
                ],
            },
        },
        "params": {
            "id": {
                "in": "path",
                "required": True,
                "deprecated": False,
                "python_name": "id",
                "schema": {
                    "type": "string",
                    "pattern": "^([0-9]{1,20}|cid:[A-Za-z0-9_-]{1,64})$",
                    "x-message": "must be a numeric order id, or cid: then a client order "
                    "id (1 to 64 letters, digits, _ or -)",
                },
            }
        },
    },
    "cancelReplaceSmartOrder": {
        "method": "PUT",
        "path": "/smartorders/{id}",
        "group": "replace",
        "rate_limit": 10,
        "kind": "place",
        "signed": True,
        "body": {
            "type": "object",
            "properties": {
                "price": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "stopPrice": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "quantity": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "amount": {
                    "type": "string",
                    "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                    "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                    "maxLength": 40,
                    "description": "A plain decimal string greater than 0 (no sign, no exponent).",
                },
                "type": {
                    "type": "string",
                    "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
                    "description": "STOP triggers a MARKET order; STOP_LIMIT "
                    "a LIMIT order at `price`; trailing types "
                    "follow the price.",
                },
                "timeInForce": {"type": "string", "x-default": "GTC", "enum": ["GTC", "IOC", "FOK"]},
                "clientOrderId": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9_-]{1,64}$",
                    "x-message": "must be 1 to 64 characters, each a letter, digit, _ or -",
                    "minLength": 1,
                    "maxLength": 64,
                    "description": "A client order id, 1 to 64 "
                    "characters of letters, digits, "
                    "`_` and `-`. It is unique among "
                    "the account's open orders only: "
                    "it is freed when its order "
                    "leaves the open set (triggers, "
                    "is cancelled, fails or "
                    "expires), and can then be used "
                    "again. `GET "
                    "/smartorders/cid:<id>` answers "
                    "the newest order that carries "
                    "it.",
                },
                "proceedOnFailure": {
                    "type": "boolean",
                    "default": False,
                    "description": "Place the new order even when cancelling the old one fails.",
                },
            },
            "additionalProperties": False,
        },
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "object",
            "properties": {
                "id": {"type": "string", "description": "The **new** smart order's id."},
                "clientOrderId": {
                    "type": "string",
                    "description": "The new order's client order id; empty when none was set.",
                },
                "code": {
                    "type": "integer",
                    "description": "Present when cancelling the old order "
                    "failed but the new one was placed "
                    "(proceedOnFailure).",
                },
                "message": {"type": "string"},
            },
            "required": ["id", "clientOrderId"],
        },
        "params": {
            "id": {
                "in": "path",
                "required": True,
                "deprecated": False,
                "python_name": "id",
                "schema": {
                    "type": "string",
                    "pattern": "^([0-9]{1,20}|cid:[A-Za-z0-9_-]{1,64})$",
                    "x-message": "must be a numeric order id, or cid: then a "
                    "client order id (1 to 64 letters, digits, _ or "
                    "-)",
                },
            }
        },
    },
    "cancelSmartOrder": {
        "method": "DELETE",
        "path": "/smartorders/{id}",
        "group": "cancel",
        "rate_limit": 50,
        "kind": "cancel",
        "signed": True,
        "body": None,
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "object",
            "properties": {
                "orderId": {"type": "string"},
                "clientOrderId": {"type": "string", "description": "Empty when none was set."},
                "state": {
                    "type": "string",
                    "description": "Known values: CANCELED, PENDING_CANCEL. When "
                    "the cancel failed (code other than 0/200), "
                    "the order's actual current state, e.g. "
                    "TRIGGERED, never a state it does not have; "
                    "empty for an id that matches no order (code "
                    "25014).",
                },
                "code": {
                    "type": "integer",
                    "description": "0 or 200 when the cancel succeeded; an error code otherwise.",
                },
                "message": {"type": "string"},
            },
            "required": ["orderId", "clientOrderId", "state", "code", "message"],
        },
        "params": {
            "id": {
                "in": "path",
                "required": True,
                "deprecated": False,
                "python_name": "id",
                "schema": {
                    "type": "string",
                    "pattern": "^([0-9]{1,20}|cid:[A-Za-z0-9_-]{1,64})$",
                    "x-message": "must be a numeric order id, or cid: then a client "
                    "order id (1 to 64 letters, digits, _ or -)",
                },
            }
        },
    },
    "listMarkets": {
        "method": "GET",
        "path": "/markets",
        "group": "markets",
        "rate_limit": 10,
        "kind": "read",
        "signed": False,
        "body": None,
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "symbol": {"type": "string"},
                    "baseCurrencyName": {"type": "string", "description": "The base currency, the unit of `quantity`."},
                    "quoteCurrencyName": {
                        "type": "string",
                        "description": "The quote currency, the unit of `amount` and of prices.",
                    },
                    "displayName": {"type": "string"},
                    "state": {
                        "type": "string",
                        "description": "Known values: NORMAL (trading), PAUSE "
                        "(not trading: orders are refused with "
                        "10041), POST_ONLY (only orders that "
                        "rest on the book). An open string: the "
                        "exchange may add states, and a client "
                        "must not fail on one it does not know.",
                    },
                    "visibleStartTime": {
                        "type": "integer",
                        "description": "When the market became visible, in milliseconds since the epoch.",
                    },
                    "tradableStartTime": {
                        "type": "integer",
                        "description": "When the market opened for trading, in milliseconds since the epoch.",
                    },
                    "symbolTradeLimit": {
                        "type": "object",
                        "properties": {
                            "symbol": {"type": "string"},
                            "priceScale": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 38,
                                "description": "The most decimals a price may have.",
                            },
                            "quantityScale": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 38,
                                "description": "The most decimals a quantity (base units) may have.",
                            },
                            "amountScale": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 38,
                                "description": "The most decimals an amount (quote units) may have.",
                            },
                            "minQuantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The smallest quantity an order may have, in base units.",
                            },
                            "minAmount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The smallest amount an order may have, in quote units.",
                            },
                            "highestBid": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The "
                                "highest "
                                "price "
                                "a "
                                "buy "
                                "order "
                                "may "
                                "have; "
                                '"0" '
                                "when "
                                "there "
                                "is "
                                "no "
                                "such "
                                "bound "
                                "(the "
                                "usual "
                                "answer). "
                                "Optional "
                                "here: "
                                "the "
                                "sources "
                                "show "
                                "it "
                                "on "
                                "every "
                                "market, "
                                "but "
                                "a "
                                "client "
                                "reading "
                                "the "
                                "rules "
                                "has "
                                "no "
                                "need "
                                "of "
                                "it.",
                            },
                            "lowestAsk": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The "
                                "lowest "
                                "price "
                                "a "
                                "sell "
                                "order "
                                "may "
                                "have; "
                                '"0" '
                                "when "
                                "there "
                                "is "
                                "no "
                                "such "
                                "bound. "
                                "Optional, "
                                "as "
                                "highestBid.",
                            },
                        },
                        "required": [
                            "symbol",
                            "priceScale",
                            "quantityScale",
                            "amountScale",
                            "minQuantity",
                            "minAmount",
                        ],
                        "description": "The rules an order on the "
                        "market must obey. A price "
                        "(`price`, and `stopPrice`, "
                        "which is a price too: the "
                        "sources name no separate "
                        "scale for it) has at most "
                        "`priceScale` decimals (else "
                        "21335), a `quantity` at most "
                        "`quantityScale` (21336) and "
                        "an `amount` at most "
                        "`amountScale` (21337); a "
                        "quantity below `minQuantity` "
                        "is refused (21330), and so "
                        "is an amount below "
                        "`minAmount` (21322). "
                        "Trailing zeros are not "
                        "decimals: the exchange's own "
                        'docs send "40000.50000" to a '
                        "market of 2 decimals (no "
                        "source says more; decision). "
                        "A scale is at most 38: an "
                        "amount sent is at most 40 "
                        'characters ("0." and 38 '
                        "decimals; decision).",
                    },
                    "crossMargin": {
                        "type": "object",
                        "properties": {
                            "supportCrossMargin": {"type": "boolean"},
                            "maxLeverage": {"type": "integer", "minimum": 0},
                        },
                        "required": ["supportCrossMargin", "maxLeverage"],
                        "description": "Whether the market trades on "
                        "cross margin. Optional in a "
                        "Market: a client reading the "
                        "trading rules has no need of it, "
                        "so a market answered without it "
                        "still parses.",
                    },
                },
                "required": [
                    "symbol",
                    "baseCurrencyName",
                    "quoteCurrencyName",
                    "displayName",
                    "state",
                    "visibleStartTime",
                    "tradableStartTime",
                    "symbolTradeLimit",
                ],
                "description": "A spot market (symbol) and its trading rules. Public data: `GET "
                "/markets`, `GET /markets/{symbol}`. Sources: the exchange's v3 "
                "docs (reference data: symbol information), the official Java "
                "SDK's models, ccxt's poloniex module, gocryptotrader and a Julia "
                "client; they agree on the fields below.",
            },
        },
        "params": {},
    },
    "getMarket": {
        "method": "GET",
        "path": "/markets/{symbol}",
        "group": "market",
        "rate_limit": 200,
        "kind": "read",
        "signed": False,
        "body": None,
        "body_required": False,
        "answer_max_items": 1,
        "answer": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "symbol": {"type": "string"},
                    "baseCurrencyName": {"type": "string", "description": "The base currency, the unit of `quantity`."},
                    "quoteCurrencyName": {
                        "type": "string",
                        "description": "The quote currency, the unit of `amount` and of prices.",
                    },
                    "displayName": {"type": "string"},
                    "state": {
                        "type": "string",
                        "description": "Known values: NORMAL (trading), PAUSE "
                        "(not trading: orders are refused with "
                        "10041), POST_ONLY (only orders that rest "
                        "on the book). An open string: the "
                        "exchange may add states, and a client "
                        "must not fail on one it does not know.",
                    },
                    "visibleStartTime": {
                        "type": "integer",
                        "description": "When the market became visible, in milliseconds since the epoch.",
                    },
                    "tradableStartTime": {
                        "type": "integer",
                        "description": "When the market opened for trading, in milliseconds since the epoch.",
                    },
                    "symbolTradeLimit": {
                        "type": "object",
                        "properties": {
                            "symbol": {"type": "string"},
                            "priceScale": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 38,
                                "description": "The most decimals a price may have.",
                            },
                            "quantityScale": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 38,
                                "description": "The most decimals a quantity (base units) may have.",
                            },
                            "amountScale": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 38,
                                "description": "The most decimals an amount (quote units) may have.",
                            },
                            "minQuantity": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The smallest quantity an order may have, in base units.",
                            },
                            "minAmount": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The smallest amount an order may have, in quote units.",
                            },
                            "highestBid": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The "
                                "highest "
                                "price "
                                "a "
                                "buy "
                                "order "
                                "may "
                                "have; "
                                '"0" '
                                "when "
                                "there "
                                "is "
                                "no "
                                "such "
                                "bound "
                                "(the "
                                "usual "
                                "answer). "
                                "Optional "
                                "here: "
                                "the "
                                "sources "
                                "show "
                                "it "
                                "on "
                                "every "
                                "market, "
                                "but "
                                "a "
                                "client "
                                "reading "
                                "the "
                                "rules "
                                "has "
                                "no "
                                "need "
                                "of "
                                "it.",
                            },
                            "lowestAsk": {
                                "type": "string",
                                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                                "x-message": "must "
                                "be "
                                "a "
                                "plain "
                                "decimal "
                                "(digits, "
                                "then "
                                "optionally "
                                "a "
                                "point "
                                "and "
                                "digits), "
                                "or "
                                "empty",
                                "description": "The "
                                "lowest "
                                "price "
                                "a "
                                "sell "
                                "order "
                                "may "
                                "have; "
                                '"0" '
                                "when "
                                "there "
                                "is "
                                "no "
                                "such "
                                "bound. "
                                "Optional, "
                                "as "
                                "highestBid.",
                            },
                        },
                        "required": [
                            "symbol",
                            "priceScale",
                            "quantityScale",
                            "amountScale",
                            "minQuantity",
                            "minAmount",
                        ],
                        "description": "The rules an order on the "
                        "market must obey. A price "
                        "(`price`, and `stopPrice`, "
                        "which is a price too: the "
                        "sources name no separate scale "
                        "for it) has at most "
                        "`priceScale` decimals (else "
                        "21335), a `quantity` at most "
                        "`quantityScale` (21336) and an "
                        "`amount` at most `amountScale` "
                        "(21337); a quantity below "
                        "`minQuantity` is refused "
                        "(21330), and so is an amount "
                        "below `minAmount` (21322). "
                        "Trailing zeros are not "
                        "decimals: the exchange's own "
                        'docs send "40000.50000" to a '
                        "market of 2 decimals (no "
                        "source says more; decision). A "
                        "scale is at most 38: an amount "
                        "sent is at most 40 characters "
                        '("0." and 38 decimals; '
                        "decision).",
                    },
                    "crossMargin": {
                        "type": "object",
                        "properties": {
                            "supportCrossMargin": {"type": "boolean"},
                            "maxLeverage": {"type": "integer", "minimum": 0},
                        },
                        "required": ["supportCrossMargin", "maxLeverage"],
                        "description": "Whether the market trades on cross "
                        "margin. Optional in a Market: a "
                        "client reading the trading rules "
                        "has no need of it, so a market "
                        "answered without it still parses.",
                    },
                },
                "required": [
                    "symbol",
                    "baseCurrencyName",
                    "quoteCurrencyName",
                    "displayName",
                    "state",
                    "visibleStartTime",
                    "tradableStartTime",
                    "symbolTradeLimit",
                ],
                "description": "A spot market (symbol) and its trading rules. Public data: `GET "
                "/markets`, `GET /markets/{symbol}`. Sources: the exchange's v3 "
                "docs (reference data: symbol information), the official Java SDK's "
                "models, ccxt's poloniex module, gocryptotrader and a Julia client; "
                "they agree on the fields below.",
            },
        },
        "params": {
            "symbol": {
                "in": "path",
                "required": True,
                "deprecated": False,
                "python_name": "symbol",
                "schema": {
                    "type": "string",
                    "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
                    "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
                    "description": "`<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not "
                    "a market of the exchange is refused with code "
                    "25019.",
                },
            }
        },
    },
    "getMarketPrice": {
        "method": "GET",
        "path": "/markets/{symbol}/price",
        "group": "market_price",
        "rate_limit": 200,
        "kind": "read",
        "signed": False,
        "body": None,
        "body_required": False,
        "answer_max_items": None,
        "answer": {
            "type": "object",
            "properties": {
                "symbol": {"type": "string"},
                "price": {
                    "type": "string",
                    "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                    "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                    "description": "The price of the latest trade, in quote units.",
                },
                "time": {
                    "type": "integer",
                    "description": "When the price was last updated (the latest "
                    "trade), in milliseconds since the epoch; `ts` "
                    "is the answer's own time. The sources give both "
                    "as JSON integers (not strings), as this spec "
                    "does.",
                },
                "dailyChange": {
                    "type": "string",
                    "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
                    "x-message": "must be a plain decimal, optionally "
                    "negative (a sign, digits, then optionally "
                    "a point and digits)",
                    "description": "The change over the last 24 hours as a "
                    "fraction of the price 24 hours ago "
                    '("-0.0046" is -0.46 %).',
                },
                "ts": {
                    "type": "integer",
                    "description": "When the exchange produced this answer, in milliseconds since the epoch.",
                },
            },
            "required": ["symbol", "price", "time", "dailyChange", "ts"],
            "description": "The latest trade price of a market. Public data, `GET /markets/{symbol}/price`.",
        },
        "params": {
            "symbol": {
                "in": "path",
                "required": True,
                "deprecated": False,
                "python_name": "symbol",
                "schema": {
                    "type": "string",
                    "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
                    "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
                    "description": "`<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is "
                    "not a market of the exchange is refused with code "
                    "25019.",
                },
            }
        },
    },
}

SCHEMAS: Final[dict[str, Any]] = {
    "Error": {
        "type": "object",
        "properties": {
            "code": {
                "type": "integer",
                "description": "The exchange's error code. The ones with a name (not found, client "
                "order id exists, service busy, ...) are listed with their meaning "
                "in this spec's x-error-codes; the exchange may answer others.",
            },
            "message": {"type": "string"},
        },
        "required": ["code", "message"],
        "description": "The body of every non-200 answer. Key on `code`, not only on the HTTP status.",
    },
    "ServerTime": {
        "type": "object",
        "properties": {
            "serverTime": {
                "type": "integer",
                "minimum": 0,
                "maximum": 9007199254740991,
                "description": "Milliseconds since the epoch.",
            }
        },
        "required": ["serverTime"],
    },
    "OrderId": {
        "type": "string",
        "pattern": "^[0-9]{1,20}$",
        "x-message": "must be a numeric order id (1 to 20 digits)",
        "description": "A numeric order id, kept as a string (up to about 19 digits).",
    },
    "ClientOrderId": {
        "type": "string",
        "pattern": "^[A-Za-z0-9_-]{1,64}$",
        "x-message": "must be 1 to 64 characters, each a letter, digit, _ or -",
        "minLength": 1,
        "maxLength": 64,
        "description": "A client order id, 1 to 64 characters of letters, digits, `_` and `-`. It is unique "
        "among the account's open orders only: it is freed when its order leaves the open "
        "set (triggers, is cancelled, fails or expires), and can then be used again. `GET "
        "/smartorders/cid:<id>` answers the newest order that carries it.",
    },
    "Symbol": {
        "type": "string",
        "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
        "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
        "description": "`<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that is not a market of the exchange is refused "
        "with code 25019.",
    },
    "PositiveDecimal": {
        "type": "string",
        "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
        "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
        "maxLength": 40,
        "description": "A plain decimal string greater than 0 (no sign, no exponent).",
    },
    "Offset": {
        "type": "string",
        "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)%?$",
        "x-message": "must be a plain decimal greater than 0, or one followed by % for a percentage of the price",
        "maxLength": 40,
        "description": "A plain decimal, or a decimal followed by `%` for a percentage of the price.",
    },
    "Decimal": {
        "type": "string",
        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
        "description": 'An amount or price in an answer, a plain decimal (no sign, no exponent); "0" or empty '
        "when it does not apply.",
    },
    "SignedDecimal": {
        "type": "string",
        "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
        "x-message": "must be a plain decimal, optionally negative (a sign, digits, then optionally a point "
        "and digits)",
        "description": "A plain decimal in an answer that may be negative (a daily change), no exponent.",
    },
    "Side": {"type": "string", "enum": ["BUY", "SELL"]},
    "SmartOrderType": {
        "type": "string",
        "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
        "description": "STOP triggers a MARKET order; STOP_LIMIT a LIMIT order at `price`; trailing types "
        "follow the price.",
    },
    "TimeInForce": {"type": "string", "x-default": "GTC", "enum": ["GTC", "IOC", "FOK"]},
    "AccountType": {"type": "string", "x-default": "SPOT", "enum": ["SPOT"]},
    "Operator": {"type": "string", "enum": ["GTE", "LTE"], "description": "Activation operator of a trailing order."},
    "Direction": {"type": "string", "x-default": "NEXT", "enum": ["PRE", "NEXT"]},
    "HistoryState": {
        "type": "string",
        "enum": ["FAILED", "FILLED", "CANCELED", "PARTIALLY_CANCELED"],
        "description": "A final state a history query can filter on.",
    },
    "CreateSmartOrderRequest": {
        "type": "object",
        "properties": {
            "symbol": {
                "type": "string",
                "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
                "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
                "description": "`<BASE>_<QUOTE>`, e.g. BTC_USDT. A symbol that "
                "is not a market of the exchange is refused with "
                "code 25019.",
            },
            "side": {"type": "string", "enum": ["BUY", "SELL"]},
            "type": {
                "type": "string",
                "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
                "description": "STOP triggers a MARKET order; STOP_LIMIT a LIMIT "
                "order at `price`; trailing types follow the "
                "price.",
            },
            "timeInForce": {"type": "string", "x-default": "GTC", "enum": ["GTC", "IOC", "FOK"]},
            "accountType": {"type": "string", "x-default": "SPOT", "enum": ["SPOT"]},
            "price": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "stopPrice": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "quantity": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "amount": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "clientOrderId": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_-]{1,64}$",
                "x-message": "must be 1 to 64 characters, each a letter, digit, _ or -",
                "minLength": 1,
                "maxLength": 64,
                "description": "A client order id, 1 to 64 characters of "
                "letters, digits, `_` and `-`. It is "
                "unique among the account's open orders "
                "only: it is freed when its order leaves "
                "the open set (triggers, is cancelled, "
                "fails or expires), and can then be used "
                "again. `GET /smartorders/cid:<id>` "
                "answers the newest order that carries "
                "it.",
            },
            "trailingOffset": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)%?$",
                "x-message": "must be a plain decimal greater than 0, "
                "or one followed by % for a percentage of "
                "the price",
                "maxLength": 40,
                "description": "A plain decimal, or a decimal followed by `%` for a percentage of the price.",
            },
            "limitOffset": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)%?$",
                "x-message": "must be a plain decimal greater than 0, or "
                "one followed by % for a percentage of the "
                "price",
                "maxLength": 40,
                "description": "A plain decimal, or a decimal followed by `%` for a percentage of the price.",
            },
            "operator": {
                "type": "string",
                "enum": ["GTE", "LTE"],
                "description": "Activation operator of a trailing order.",
            },
        },
        "required": ["symbol", "side"],
        "additionalProperties": False,
    },
    "CreateSmartOrderResponse": {
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "The new smart order's id."},
            "clientOrderId": {"type": "string", "description": "Its client order id; empty when none was set."},
        },
        "required": ["id", "clientOrderId"],
    },
    "CancelReplaceSmartOrderRequest": {
        "type": "object",
        "properties": {
            "price": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "stopPrice": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "quantity": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "amount": {
                "type": "string",
                "pattern": "^([0-9]*[1-9][0-9]*(\\.[0-9]+)?|[0-9]+\\.[0-9]*[1-9][0-9]*)$",
                "x-message": "must be a plain decimal greater than 0 (no sign, no exponent)",
                "maxLength": 40,
                "description": "A plain decimal string greater than 0 (no sign, no exponent).",
            },
            "type": {
                "type": "string",
                "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
                "description": "STOP triggers a MARKET order; STOP_LIMIT a "
                "LIMIT order at `price`; trailing types "
                "follow the price.",
            },
            "timeInForce": {"type": "string", "x-default": "GTC", "enum": ["GTC", "IOC", "FOK"]},
            "clientOrderId": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_-]{1,64}$",
                "x-message": "must be 1 to 64 characters, each a letter, digit, _ or -",
                "minLength": 1,
                "maxLength": 64,
                "description": "A client order id, 1 to 64 "
                "characters of letters, digits, "
                "`_` and `-`. It is unique among "
                "the account's open orders only: "
                "it is freed when its order leaves "
                "the open set (triggers, is "
                "cancelled, fails or expires), and "
                "can then be used again. `GET "
                "/smartorders/cid:<id>` answers "
                "the newest order that carries "
                "it.",
            },
            "proceedOnFailure": {
                "type": "boolean",
                "default": False,
                "description": "Place the new order even when cancelling the old one fails.",
            },
        },
        "additionalProperties": False,
    },
    "CancelReplaceSmartOrderResponse": {
        "type": "object",
        "properties": {
            "id": {"type": "string", "description": "The **new** smart order's id."},
            "clientOrderId": {
                "type": "string",
                "description": "The new order's client order id; empty when none was set.",
            },
            "code": {
                "type": "integer",
                "description": "Present when cancelling the old order "
                "failed but the new one was placed "
                "(proceedOnFailure).",
            },
            "message": {"type": "string"},
        },
        "required": ["id", "clientOrderId"],
    },
    "CancelSmartOrdersByIdsRequest": {
        "type": "object",
        "properties": {
            "orderIds": {
                "type": "array",
                "maxItems": 100,
                "items": {
                    "type": "string",
                    "pattern": "^[0-9]{1,20}$",
                    "x-message": "must be a numeric order id (1 to 20 digits)",
                    "description": "A numeric order id, kept as a string (up to about 19 digits).",
                },
            },
            "clientOrderIds": {
                "type": "array",
                "maxItems": 100,
                "items": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9_-]{1,64}$",
                    "x-message": "must be 1 to 64 characters, each a letter, digit, _ or -",
                    "minLength": 1,
                    "maxLength": 64,
                    "description": "A client order id, 1 to "
                    "64 characters of "
                    "letters, digits, `_` "
                    "and `-`. It is unique "
                    "among the account's "
                    "open orders only: it is "
                    "freed when its order "
                    "leaves the open set "
                    "(triggers, is "
                    "cancelled, fails or "
                    "expires), and can then "
                    "be used again. `GET "
                    "/smartorders/cid:<id>` "
                    "answers the newest "
                    "order that carries it.",
                },
                "description": "Client order ids without the `cid:` prefix.",
            },
        },
        "additionalProperties": False,
    },
    "CancelAllSmartOrdersRequest": {
        "type": "object",
        "properties": {
            "symbols": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "string",
                    "pattern": "^[A-Z0-9]{1,20}_[A-Z0-9]{1,20}$",
                    "x-message": "must be BASE_QUOTE in capital letters and digits (e.g. BTC_USDT)",
                    "description": "`<BASE>_<QUOTE>`, e.g. BTC_USDT. "
                    "A symbol that is not a market of "
                    "the exchange is refused with "
                    "code 25019.",
                },
            },
            "accountTypes": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string", "x-default": "SPOT", "enum": ["SPOT"]},
            },
            "orderTypes": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "string",
                    "enum": ["STOP", "STOP_LIMIT", "TRAILING_STOP", "TRAILING_STOP_LIMIT"],
                    "description": "STOP triggers a MARKET order; "
                    "STOP_LIMIT a LIMIT order at "
                    "`price`; trailing types "
                    "follow the price.",
                },
            },
        },
        "additionalProperties": False,
        "description": "Filters AND together; a filter left out matches everything. An empty "
        "list is refused, so that a bug sending one can never widen a filtered "
        'cancel into "cancel everything".',
    },
    "CancelResult": {
        "type": "object",
        "properties": {
            "orderId": {"type": "string"},
            "clientOrderId": {"type": "string", "description": "Empty when none was set."},
            "state": {
                "type": "string",
                "description": "Known values: CANCELED, PENDING_CANCEL. When the cancel "
                "failed (code other than 0/200), the order's actual current "
                "state, e.g. TRIGGERED, never a state it does not have; "
                "empty for an id that matches no order (code 25014).",
            },
            "code": {"type": "integer", "description": "0 or 200 when the cancel succeeded; an error code otherwise."},
            "message": {"type": "string"},
        },
        "required": ["orderId", "clientOrderId", "state", "code", "message"],
    },
    "SmartOrder": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "clientOrderId": {"type": "string", "description": "Empty when none was set."},
            "symbol": {"type": "string"},
            "state": {
                "type": "string",
                "description": "Known values: PENDING_NEW, PENDING_CANCEL, CANCELED, "
                "REJECTED, EXPIRED, TRIGGERED, FAILED, and in history also "
                "FILLED, PARTIALLY_CANCELED.",
            },
            "accountType": {"type": "string", "description": "Known values: SPOT."},
            "side": {"type": "string", "description": "Known values: BUY, SELL."},
            "type": {
                "type": "string",
                "description": "Known values: STOP, STOP_LIMIT, TRAILING_STOP, TRAILING_STOP_LIMIT.",
            },
            "timeInForce": {"type": "string", "description": "Known values: GTC, IOC, FOK."},
            "quantity": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "Base units, a decimal string.",
            },
            "price": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": 'Limit price, a decimal string ("0" when none).',
            },
            "amount": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "Quote units, a decimal string.",
            },
            "stopPrice": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "Trigger price, a decimal string. For trailing types, the "
                'current trigger level: the activation price (or "0" '
                "without one) until the order activates, then the trailing "
                "stop, which moves with the best price (`activationPrice` "
                "keeps the activation price sent).",
            },
            "createTime": {"type": "integer"},
            "updateTime": {"type": "integer", "description": "May be 0."},
            "triggeredOrder": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "clientOrderId": {"type": "string"},
                    "symbol": {"type": "string"},
                    "state": {
                        "type": "string",
                        "description": "Known values: PENDING_NEW, "
                        "NEW, PARTIALLY_FILLED, "
                        "FILLED, PENDING_CANCEL, "
                        "PARTIALLY_CANCELED, "
                        "CANCELED, REJECTED, "
                        "EXPIRED, FAILED.",
                    },
                    "accountType": {"type": "string"},
                    "side": {"type": "string"},
                    "type": {"type": "string", "description": "Known values: MARKET, LIMIT, LIMIT_MAKER."},
                    "timeInForce": {"type": "string"},
                    "quantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal "
                        "(no sign, no exponent); "
                        '"0" or empty when it '
                        "does not apply.",
                    },
                    "price": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal (no "
                        'sign, no exponent); "0" or '
                        "empty when it does not "
                        "apply.",
                    },
                    "avgPrice": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal "
                        "(no sign, no exponent); "
                        '"0" or empty when it '
                        "does not apply.",
                    },
                    "amount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price in an "
                        "answer, a plain decimal "
                        "(no sign, no exponent); "
                        '"0" or empty when it does '
                        "not apply.",
                    },
                    "filledQuantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price "
                        "in an answer, a "
                        "plain decimal (no "
                        "sign, no "
                        'exponent); "0" or '
                        "empty when it does "
                        "not apply.",
                    },
                    "filledAmount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "An amount or price "
                        "in an answer, a "
                        "plain decimal (no "
                        "sign, no exponent); "
                        '"0" or empty when it '
                        "does not apply.",
                    },
                    "createTime": {"type": "integer"},
                    "updateTime": {"type": "integer"},
                },
                "required": [
                    "id",
                    "clientOrderId",
                    "symbol",
                    "state",
                    "accountType",
                    "side",
                    "type",
                    "timeInForce",
                    "quantity",
                    "price",
                    "avgPrice",
                    "amount",
                    "filledQuantity",
                    "filledAmount",
                    "createTime",
                    "updateTime",
                ],
                "description": "The regular order a smart order placed when it triggered.",
            },
            "trailingOffset": {"type": "string"},
            "limitOffset": {"type": "string"},
            "operator": {"type": "string", "description": "Known values: GTE, LTE."},
            "activationPrice": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal "
                '(no sign, no exponent); "0" or empty when it does '
                "not apply.",
            },
            "avgPrice": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no sign, "
                'no exponent); "0" or empty when it does not apply.',
            },
            "filledQuantity": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no "
                'sign, no exponent); "0" or empty when it does not '
                "apply.",
            },
            "filledAmount": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no "
                'sign, no exponent); "0" or empty when it does not '
                "apply.",
            },
            "orderSource": {"type": "string"},
        },
        "required": [
            "id",
            "clientOrderId",
            "symbol",
            "state",
            "accountType",
            "side",
            "type",
            "timeInForce",
            "quantity",
            "price",
            "amount",
            "stopPrice",
            "createTime",
            "updateTime",
        ],
    },
    "Order": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "clientOrderId": {"type": "string"},
            "symbol": {"type": "string"},
            "state": {
                "type": "string",
                "description": "Known values: PENDING_NEW, NEW, PARTIALLY_FILLED, FILLED, "
                "PENDING_CANCEL, PARTIALLY_CANCELED, CANCELED, REJECTED, EXPIRED, "
                "FAILED.",
            },
            "accountType": {"type": "string"},
            "side": {"type": "string"},
            "type": {"type": "string", "description": "Known values: MARKET, LIMIT, LIMIT_MAKER."},
            "timeInForce": {"type": "string"},
            "quantity": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no sign, no "
                'exponent); "0" or empty when it does not apply.',
            },
            "price": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no sign, no "
                'exponent); "0" or empty when it does not apply.',
            },
            "avgPrice": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no sign, no "
                'exponent); "0" or empty when it does not apply.',
            },
            "amount": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no sign, no "
                'exponent); "0" or empty when it does not apply.',
            },
            "filledQuantity": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no "
                'sign, no exponent); "0" or empty when it does not apply.',
            },
            "filledAmount": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "An amount or price in an answer, a plain decimal (no sign, "
                'no exponent); "0" or empty when it does not apply.',
            },
            "createTime": {"type": "integer"},
            "updateTime": {"type": "integer"},
        },
        "required": [
            "id",
            "clientOrderId",
            "symbol",
            "state",
            "accountType",
            "side",
            "type",
            "timeInForce",
            "quantity",
            "price",
            "avgPrice",
            "amount",
            "filledQuantity",
            "filledAmount",
            "createTime",
            "updateTime",
        ],
        "description": "The regular order a smart order placed when it triggered.",
    },
    "Market": {
        "type": "object",
        "properties": {
            "symbol": {"type": "string"},
            "baseCurrencyName": {"type": "string", "description": "The base currency, the unit of `quantity`."},
            "quoteCurrencyName": {
                "type": "string",
                "description": "The quote currency, the unit of `amount` and of prices.",
            },
            "displayName": {"type": "string"},
            "state": {
                "type": "string",
                "description": "Known values: NORMAL (trading), PAUSE (not trading: orders are "
                "refused with 10041), POST_ONLY (only orders that rest on the "
                "book). An open string: the exchange may add states, and a client "
                "must not fail on one it does not know.",
            },
            "visibleStartTime": {
                "type": "integer",
                "description": "When the market became visible, in milliseconds since the epoch.",
            },
            "tradableStartTime": {
                "type": "integer",
                "description": "When the market opened for trading, in milliseconds since the epoch.",
            },
            "symbolTradeLimit": {
                "type": "object",
                "properties": {
                    "symbol": {"type": "string"},
                    "priceScale": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 38,
                        "description": "The most decimals a price may have.",
                    },
                    "quantityScale": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 38,
                        "description": "The most decimals a quantity (base units) may have.",
                    },
                    "amountScale": {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 38,
                        "description": "The most decimals an amount (quote units) may have.",
                    },
                    "minQuantity": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "The smallest quantity an order may have, in base units.",
                    },
                    "minAmount": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "The smallest amount an order may have, in quote units.",
                    },
                    "highestBid": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "The highest price a buy "
                        'order may have; "0" when '
                        "there is no such bound "
                        "(the usual answer). "
                        "Optional here: the "
                        "sources show it on every "
                        "market, but a client "
                        "reading the rules has no "
                        "need of it.",
                    },
                    "lowestAsk": {
                        "type": "string",
                        "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                        "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                        "description": "The lowest price a sell "
                        'order may have; "0" when '
                        "there is no such bound. "
                        "Optional, as "
                        "highestBid.",
                    },
                },
                "required": ["symbol", "priceScale", "quantityScale", "amountScale", "minQuantity", "minAmount"],
                "description": "The rules an order on the market must obey. A price "
                "(`price`, and `stopPrice`, which is a price too: the "
                "sources name no separate scale for it) has at most "
                "`priceScale` decimals (else 21335), a `quantity` at "
                "most `quantityScale` (21336) and an `amount` at most "
                "`amountScale` (21337); a quantity below `minQuantity` "
                "is refused (21330), and so is an amount below "
                "`minAmount` (21322). Trailing zeros are not decimals: "
                'the exchange\'s own docs send "40000.50000" to a '
                "market of 2 decimals (no source says more; decision). "
                "A scale is at most 38: an amount sent is at most 40 "
                'characters ("0." and 38 decimals; decision).',
            },
            "crossMargin": {
                "type": "object",
                "properties": {
                    "supportCrossMargin": {"type": "boolean"},
                    "maxLeverage": {"type": "integer", "minimum": 0},
                },
                "required": ["supportCrossMargin", "maxLeverage"],
                "description": "Whether the market trades on cross margin. Optional in a "
                "Market: a client reading the trading rules has no need of "
                "it, so a market answered without it still parses.",
            },
        },
        "required": [
            "symbol",
            "baseCurrencyName",
            "quoteCurrencyName",
            "displayName",
            "state",
            "visibleStartTime",
            "tradableStartTime",
            "symbolTradeLimit",
        ],
        "description": "A spot market (symbol) and its trading rules. Public data: `GET /markets`, `GET "
        "/markets/{symbol}`. Sources: the exchange's v3 docs (reference data: symbol information), "
        "the official Java SDK's models, ccxt's poloniex module, gocryptotrader and a Julia client; "
        "they agree on the fields below.",
    },
    "SymbolTradeLimit": {
        "type": "object",
        "properties": {
            "symbol": {"type": "string"},
            "priceScale": {
                "type": "integer",
                "minimum": 0,
                "maximum": 38,
                "description": "The most decimals a price may have.",
            },
            "quantityScale": {
                "type": "integer",
                "minimum": 0,
                "maximum": 38,
                "description": "The most decimals a quantity (base units) may have.",
            },
            "amountScale": {
                "type": "integer",
                "minimum": 0,
                "maximum": 38,
                "description": "The most decimals an amount (quote units) may have.",
            },
            "minQuantity": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "The smallest quantity an order may have, in base units.",
            },
            "minAmount": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "The smallest amount an order may have, in quote units.",
            },
            "highestBid": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": 'The highest price a buy order may have; "0" when '
                "there is no such bound (the usual answer). "
                "Optional here: the sources show it on every "
                "market, but a client reading the rules has no need "
                "of it.",
            },
            "lowestAsk": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": 'The lowest price a sell order may have; "0" when '
                "there is no such bound. Optional, as highestBid.",
            },
        },
        "required": ["symbol", "priceScale", "quantityScale", "amountScale", "minQuantity", "minAmount"],
        "description": "The rules an order on the market must obey. A price (`price`, and `stopPrice`, "
        "which is a price too: the sources name no separate scale for it) has at most "
        "`priceScale` decimals (else 21335), a `quantity` at most `quantityScale` (21336) "
        "and an `amount` at most `amountScale` (21337); a quantity below `minQuantity` is "
        "refused (21330), and so is an amount below `minAmount` (21322). Trailing zeros "
        'are not decimals: the exchange\'s own docs send "40000.50000" to a market of 2 '
        "decimals (no source says more; decision). A scale is at most 38: an amount sent "
        'is at most 40 characters ("0." and 38 decimals; decision).',
    },
    "CrossMargin": {
        "type": "object",
        "properties": {"supportCrossMargin": {"type": "boolean"}, "maxLeverage": {"type": "integer", "minimum": 0}},
        "required": ["supportCrossMargin", "maxLeverage"],
        "description": "Whether the market trades on cross margin. Optional in a Market: a client reading the "
        "trading rules has no need of it, so a market answered without it still parses.",
    },
    "MarketPrice": {
        "type": "object",
        "properties": {
            "symbol": {"type": "string"},
            "price": {
                "type": "string",
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "x-message": "must be a plain decimal (digits, then optionally a point and digits), or empty",
                "description": "The price of the latest trade, in quote units.",
            },
            "time": {
                "type": "integer",
                "description": "When the price was last updated (the latest trade), in "
                "milliseconds since the epoch; `ts` is the answer's own time. "
                "The sources give both as JSON integers (not strings), as this "
                "spec does.",
            },
            "dailyChange": {
                "type": "string",
                "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
                "x-message": "must be a plain decimal, optionally negative (a sign, "
                "digits, then optionally a point and digits)",
                "description": "The change over the last 24 hours as a fraction of the "
                'price 24 hours ago ("-0.0046" is -0.46 %).',
            },
            "ts": {
                "type": "integer",
                "description": "When the exchange produced this answer, in milliseconds since the epoch.",
            },
        },
        "required": ["symbol", "price", "time", "dailyChange", "ts"],
        "description": "The latest trade price of a market. Public data, `GET /markets/{symbol}/price`.",
    },
}

TYPE_FIELDS: Final[dict[str, Any]] = {
    "fields": ["price", "stopPrice", "trailingOffset", "limitOffset", "operator"],
    "types": {
        "STOP": {"requires": ["stopPrice"], "takes": ["stopPrice"]},
        "STOP_LIMIT": {"requires": ["stopPrice", "price"], "takes": ["stopPrice", "price"]},
        "TRAILING_STOP": {"requires": ["trailingOffset"], "takes": ["trailingOffset", "stopPrice", "operator"]},
        "TRAILING_STOP_LIMIT": {
            "requires": ["trailingOffset", "limitOffset"],
            "takes": ["trailingOffset", "limitOffset", "stopPrice", "operator"],
        },
    },
}

SIGNING: Final[dict[str, Any]] = {
    "max_ahead_ms": 1000,
    "max_age_ms": 60000,
    "recv_window_min_ms": 1,
    "recv_window_max_ms": 60000,
}

ERROR_CODES: Final[dict[int, dict[str, str]]] = {
    500: {"scope": "general", "meaning": "internal-error", "message": "Internal error"},
    601: {"scope": "general", "meaning": "invalid-parameter", "message": "Invalid parameter"},
    602: {"scope": "general", "meaning": "missing-parameter", "message": "Missing required parameter"},
    603: {"scope": "general", "meaning": "internal-timeout", "message": "Internal timeout"},
    21301: {"scope": "order", "meaning": "not-found", "message": "Order not found"},
    21312: {"scope": "order", "meaning": "duplicate-client-order-id", "message": "Client order id exists"},
    21314: {"scope": "order", "meaning": "too-many-open-orders", "message": "Too many open orders"},
    21321: {"scope": "order", "meaning": "invalid-time-in-force", "message": "Invalid timeInForce"},
    21340: {"scope": "order", "meaning": "maintenance", "message": "Maintenance mode"},
    21347: {"scope": "order", "meaning": "stop-price-not-positive", "message": "Stop price must be greater than 0"},
    21709: {"scope": "order", "meaning": "insufficient-balance", "message": "Insufficient balance"},
    24201: {"scope": "order", "meaning": "service-busy", "message": "Service busy"},
    25001: {"scope": "smart-order", "meaning": "invalid-parameter", "message": "Invalid parameter"},
    25003: {"scope": "smart-order", "meaning": "order-not-placed", "message": "Unable to place order"},
    25004: {
        "scope": "smart-order",
        "meaning": "duplicate-client-order-id",
        "message": "Client order id already exists",
    },
    25005: {"scope": "smart-order", "meaning": "smart-order-not-placed", "message": "Unable to place smart order"},
    25007: {"scope": "smart-order", "meaning": "invalid-order-id", "message": "Invalid order id"},
    25009: {"scope": "smart-order", "meaning": "cancel-failed", "message": "Failed to cancel"},
    25010: {"scope": "smart-order", "meaning": "cancel-unauthorized", "message": "Unauthorized to cancel"},
    25013: {"scope": "smart-order", "meaning": "not-found", "message": "Smart order not found"},
    25014: {"scope": "smart-order", "meaning": "cancel-not-found", "message": "Cancel failed: smart orders not found"},
    25017: {"scope": "smart-order", "meaning": "nothing-cancelled", "message": "No orders were canceled"},
    25018: {"scope": "smart-order", "meaning": "invalid-account-type", "message": "Invalid accountType"},
    25019: {"scope": "smart-order", "meaning": "invalid-symbol", "message": "Invalid symbol"},
    10040: {"scope": "trading", "meaning": "invalid-symbol", "message": "Invalid symbol"},
    10041: {"scope": "trading", "meaning": "market-paused", "message": "Symbol frozen for trading"},
    21322: {"scope": "order", "meaning": "below-min-amount", "message": "Amount is less than minAmount trade limit"},
    21330: {
        "scope": "order",
        "meaning": "below-min-quantity",
        "message": "Quantity is less than minQuantity trade limit",
    },
    21335: {"scope": "order", "meaning": "price-scale", "message": "Invalid priceScale for this symbol"},
    21336: {"scope": "order", "meaning": "quantity-scale", "message": "Invalid quantityScale for this symbol"},
    21337: {"scope": "order", "meaning": "amount-scale", "message": "Invalid amountScale for this symbol"},
    24101: {"scope": "market-data", "meaning": "invalid-symbol", "message": "Invalid symbol"},
}

TOLERATED: Final[dict[str, Any]] = {
    "unknown_query": "ignore",
    "bodies": {"createSmartOrder": {"stopPrice": ["number"], "side": ["any-case"]}},
}

ANSWER_FIELDS: Final[dict[str, Any]] = {
    "createSmartOrder": {
        "fields": {
            "symbol": "symbol",
            "side": "side",
            "type": "type",
            "timeInForce": "timeInForce",
            "accountType": "accountType",
            "price": "price",
            "stopPrice": "stopPrice",
            "quantity": "quantity",
            "amount": "amount",
            "clientOrderId": "clientOrderId",
            "trailingOffset": "trailingOffset",
            "limitOffset": "limitOffset",
            "operator": "operator",
        },
        "types": {
            "TRAILING_STOP": {"stopPrice": "activationPrice", "price": None},
            "TRAILING_STOP_LIMIT": {"stopPrice": "activationPrice", "price": None},
        },
    },
    "cancelReplaceSmartOrder": {
        "fields": {
            "price": "price",
            "stopPrice": "stopPrice",
            "quantity": "quantity",
            "amount": "amount",
            "type": "type",
            "timeInForce": "timeInForce",
            "clientOrderId": "clientOrderId",
            "proceedOnFailure": None,
        },
        "types": {
            "TRAILING_STOP": {"stopPrice": "activationPrice", "price": None},
            "TRAILING_STOP_LIMIT": {"stopPrice": "activationPrice", "price": None},
        },
    },
}
