import type { IntentDefinition } from "../../../engine/src/local/intent-classifier.ts";

// The support desk of Pedal & Co, a fictional bike shop.
export const bikeShopIntents: IntentDefinition[] = [
  {
    name: "hours",
    description: "Opening hours: when the shop is open or closed",
    examples: [
      "what are your opening hours",
      "when do you open",
      "what time do you close today",
      "are you open on sundays",
      "opening times on saturday",
      "are you open on bank holidays",
      "until what time are you open tonight",
      "when does the shop close",
      "what time do you open tomorrow morning",
      "are you closed on mondays",
    ],
  },
  {
    name: "location",
    description: "Where the shop is: address, directions and parking",
    examples: [
      "where are you located",
      "what is your address",
      "how do I get to the shop",
      "is there parking nearby",
      "which street is the store on",
      "directions to your store",
      "are you near the train station",
    ],
  },
  {
    name: "order_status",
    description: "Tracking an order placed online",
    examples: [
      "where is my order",
      "track my package",
      "my order hasn't arrived yet",
      "when will my delivery arrive",
      "has my order shipped",
      "tracking number for my purchase",
      "my parcel is late",
    ],
  },
  {
    name: "returns",
    description: "Returning an item and getting a refund",
    examples: [
      "I want to return my bike",
      "how do I get a refund",
      "can I send back a helmet that doesn't fit",
      "what is your return policy",
      "refund for a damaged item",
      "I'd like my money back",
      "exchange for a different size",
    ],
  },
  {
    name: "repair",
    description: "Booking a repair, service or tune-up in the workshop",
    examples: [
      "I need to book a repair",
      "can you fix a flat tire",
      "my brakes are squeaking",
      "book a service for my bike",
      "how much does a tune-up cost",
      "my gears keep slipping",
      "do you repair electric bikes",
    ],
  },
  {
    name: "rental",
    description: "Renting or hiring a bike for a day or a week",
    examples: [
      "can I rent a bike",
      "do you hire out e-bikes",
      "bike rental for the weekend",
      "how much to rent a city bike for a day",
      "do rentals include a helmet",
    ],
  },
  {
    name: "pricing",
    description: "Prices of bikes and accessories, discounts",
    examples: [
      "how much is a road bike",
      "what are your prices",
      "do you have any discounts",
      "price list for e-bikes",
      "is there a student discount",
      "cheapest mountain bike you sell",
    ],
  },
  {
    name: "human",
    description: "Talk to a person: a human agent or staff member",
    examples: [
      "can I talk to a human",
      "let me speak to someone",
      "I want a real person",
      "connect me to an agent",
      "speak to the manager",
    ],
  },
  {
    name: "greeting",
    description: "Saying hello",
    examples: ["hi", "hello", "hey there", "good morning"],
  },
  {
    name: "thanks",
    description: "Thanking or saying goodbye",
    examples: ["thanks", "thank you so much", "bye", "that's all, cheers", "goodbye"],
  },
];
