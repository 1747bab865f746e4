import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches } from 'class-validator';

// Department ids as the registry names them: lower-case identifiers.
const DEPARTMENT_ID = /^[a-z][a-z0-9-]{0,63}$/;

export class MeetingCadenceDto {
  @ApiProperty({ type: [String], description: 'The departments expected to report at every meeting of the kind', example: ['tech-support', 'customer-service'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(DEPARTMENT_ID, { each: true, message: 'each department is a lower-case identifier' })
  expectedDepartments!: string[];
}
